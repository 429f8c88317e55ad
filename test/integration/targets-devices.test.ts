/**
 * Programme targets between real officer devices (TG-*): a target set on one device reaches the
 * server and another officer's device live, one set offline goes up when the device syncs, and of
 * two set offline for one country the later is kept aside with the reason, to re-apply or dismiss.
 */
import { describe, expect, it } from 'vitest';
import { readTargetsState, saveTarget, effectiveTargets } from '../../src/db/targets';
import { useDevicesServer, waitUntil, type TestDevice } from '../helpers/devices';
import { worded } from '../helpers/english';

const fixture = useDevicesServer();

/** An officer's device, not syncing yet: what is saved on it waits as if offline. */
const officerDevice = () => fixture.open('user-officer', 'officer');

const goOnline = (device: TestDevice) => fixture.goOnline(device, 'officer@demo.test');

async function onServer(country: string): Promise<number | null | undefined> {
  const doc = await fixture.server.storage.getDocument('targets', country);
  return doc && (doc.deleted ? null : doc.data.matchedExpertsTarget);
}

async function targetOn(device: TestDevice, country: string): Promise<number | undefined> {
  return effectiveTargets(await readTargetsState(device.device))[country];
}

describe('programme targets on officers’ devices (TG-*)', () => {
  it('TG-1: a target set on one officer’s device reaches the server and another device live', async () => {
    const desk = await officerDevice();
    const laptop = await officerDevice();
    await goOnline(desk);
    await goOnline(laptop);
    await desk.sync!.awaitInSync();
    await laptop.sync!.awaitInSync();

    await saveTarget(desk.device, 'Nigeria', 70);
    await waitUntil(async () => (await onServer('Nigeria')) === 70, 'the target on the server');
    await waitUntil(async () => (await targetOn(laptop, 'Nigeria')) === 70, 'the target on the other device');
    await waitUntil(
      async () => Object.keys((await readTargetsState(desk.device)).pending).length === 0,
      'the change answered on the first device',
    );

    // Removed on the other device: back to the default everywhere.
    await saveTarget(laptop.device, 'Nigeria', null);
    await waitUntil(async () => (await onServer('Nigeria')) === null, 'the removal on the server');
    await waitUntil(async () => (await targetOn(desk, 'Nigeria')) === undefined, 'the removal on the desk');
  });

  it('TG-1 SP-3: of two targets set offline for one country the first to sync stands; the other is kept with the reason', async () => {
    const first = await officerDevice();
    const second = await officerDevice();
    await saveTarget(first.device, 'Iraq', 40);
    await saveTarget(second.device, 'Iraq', 45);
    expect(await onServer('Iraq')).toBeUndefined();

    await goOnline(first);
    await waitUntil(async () => (await onServer('Iraq')) === 40, 'the first target on the server');
    await goOnline(second);
    const state = await waitUntil(async () => {
      const current = await readTargetsState(second.device);
      return current.notices.length > 0 ? current : null;
    }, 'the second device told');
    expect(worded(state.notices)).toEqual([
      {
        country: 'Iraq',
        typed: 45,
        message: 'Another officer set it to 40 first, so your change (you set it to 45) was not applied.',
        overtaken: true,
      },
    ]);
    expect(effectiveTargets(state).Iraq).toBe(40);
    expect(state.pending).toEqual({});

    // The officer puts theirs over it: based on the server's version now, it is taken.
    await saveTarget(second.device, 'Iraq', 45);
    await waitUntil(async () => (await onServer('Iraq')) === 45, 'the re-applied target on the server');
    await waitUntil(
      async () => (await targetOn(first, 'Iraq')) === 45,
      'the re-applied target on the first device',
    );
  });
});
