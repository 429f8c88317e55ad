/**
 * Whether this tab saw the device database written by a newer version of the app than its own
 * code (set by newer-version.ts). Its own module, free of RxDB, because the update banner on the
 * first screen reads it: importing newer-version.ts there would put RxDB in the first download.
 */
import { BehaviorSubject } from 'rxjs';

export const newerDatabaseVersion$ = new BehaviorSubject(false);
