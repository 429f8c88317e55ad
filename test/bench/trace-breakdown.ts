/**
 * Where the time of a page start goes, read from a Chromium performance trace: the renderer's main
 * thread between navigation start and a user-timing mark, split into kinds of work (script
 * compile, script run, style and layout, garbage collection …) and idle time (the thread waits:
 * IndexedDB, the service worker's cache, timers), and the script time split by the source package
 * it ran in — V8's sampling profiler, mapped back through the build's source maps.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown>;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url: string; functionName: string; lineNumber: number; columnNumber: number };
}

export interface TraceBreakdown {
  /** Navigation start → mark, ms. */
  totalMs: number;
  /** Main-thread work by kind, ms (top-level tasks split by their first recognised child). */
  mainThread: Record<string, number>;
  /** Sampled script self-time by source package or app folder, ms. */
  scriptBySource: Record<string, number>;
  /** The same samples by chunk file, ms. */
  scriptByChunk: Record<string, number>;
}

/** Trace event names → the kind of work they are, checked top-down from each task. */
const KINDS: [RegExp, string][] = [
  [
    /^(v8\.compile|v8\.parseOnBackground|V8\.CompileCode|v8\.compileModule|V8\.ScriptCompiler)/,
    'script compile',
  ],
  [/^(MajorGC|MinorGC|V8\.GC|BlinkGC)/, 'garbage collection'],
  [/^(ParseHTML|ParseAuthorStyleSheet)/, 'HTML and CSS parse'],
  [
    /^(UpdateLayoutTree|Layout|RecalculateStyles|PrePaint|Paint|Layerize|Commit|UpdateLayer)/,
    'style, layout, paint',
  ],
  [
    /^(EvaluateScript|v8\.evaluateModule|FunctionCall|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|V8\.Execute|v8\.run)/,
    'script run',
  ],
];

function kindOf(name: string): string | null {
  for (const [pattern, kind] of KINDS) if (pattern.test(name)) return kind;
  return null;
}

/** Resolves a script position to `node_modules` package or `src/<folder>` through its source map. */
class SourceMapper {
  private maps = new Map<string, SourceMapConsumer | null>();
  constructor(private distDir: string) {}

  sourceOf(url: string, line: number, column: number): string {
    const file = url.replace(/^https?:\/\/[^/]+\//, '');
    if (!file.startsWith('assets/')) return file ? `(${file.split('?')[0]})` : '(native)';
    let map = this.maps.get(file);
    if (map === undefined) {
      const path = join(this.distDir, `${file}.map`);
      map = existsSync(path)
        ? new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8')) as RawSourceMap)
        : null;
      this.maps.set(file, map);
    }
    if (!map) return file;
    const source = map.originalPositionFor({
      line: line + 1,
      column,
      bias: SourceMapConsumer.LEAST_UPPER_BOUND,
    }).source;
    if (!source) return `${file} (unmapped)`;
    const inModules = source.split('node_modules/').pop()!;
    if (inModules !== source) {
      const parts = inModules.split('/');
      const name = parts[0]!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
      const plugin = parts.indexOf('plugins');
      return name === 'rxdb' && plugin >= 0 ? `rxdb/plugins/${parts[plugin + 1]}` : name;
    }
    const src = source.replace(/^(\.\.\/)+/, '').replace(/^.*?\bsrc\//, 'src/');
    return src.split('/').slice(0, 2).join('/');
  }
}

export function analyzeTrace(traceJson: string, distDir: string, markName: string): TraceBreakdown {
  const events = (JSON.parse(traceJson) as { traceEvents: TraceEvent[] }).traceEvents;
  const mark = events.find((e) => e.name === markName && e.cat.includes('blink.user_timing'));
  if (!mark) throw new Error(`mark ${markName} is not in the trace`);
  const main = events.find(
    (e) => e.name === 'thread_name' && e.pid === mark.pid && e.args?.name === 'CrRendererMain',
  );
  const tid = main?.tid ?? mark.tid;
  // The mark's startTime is ms since the document's time origin, i.e. since navigation start.
  const start = mark.ts - (mark.args?.data as { startTime: number }).startTime * 1000;
  const end = mark.ts;
  const within = (e: TraceEvent) => e.ts >= start && e.ts < end;
  const ms = (us: number) => us / 1000;

  // Main thread: each top-level task's time goes to the kind of its first recognised descendant.
  const thread = events
    .filter((e) => e.pid === mark.pid && e.tid === tid && e.ph === 'X' && within(e))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const mainThread: Record<string, number> = {};
  const addTo = (kind: string, us: number) => {
    mainThread[kind] = (mainThread[kind] ?? 0) + ms(us);
  };
  let busy = 0;
  let lastTaskEnd = -Infinity;
  for (let i = 0; i < thread.length; i += 1) {
    const task = thread[i]!;
    if (task.name !== 'RunTask' && task.name !== 'ThreadControllerImpl::RunTask') continue;
    if (task.ts < lastTaskEnd) continue; // nested in the task before
    lastTaskEnd = task.ts + (task.dur ?? 0);
    const taskEnd = Math.min(task.ts + (task.dur ?? 0), end);
    busy += taskEnd - task.ts;
    // Children: split the task by the kinds of its direct-enough children, the rest is "other".
    let accounted = 0;
    let cursor = task.ts;
    for (let j = i + 1; j < thread.length && thread[j]!.ts < taskEnd; j += 1) {
      const child = thread[j]!;
      const kind = kindOf(child.name);
      if (!kind || child.ts < cursor) continue;
      const childEnd = Math.min(child.ts + (child.dur ?? 0), taskEnd);
      addTo(kind, childEnd - child.ts);
      accounted += childEnd - child.ts;
      cursor = childEnd;
    }
    addTo('other work', taskEnd - task.ts - accounted);
  }
  addTo('idle (waiting: IndexedDB, cache, timers)', end - start - busy);

  // Sampled script time by source: the profile's samples land on nodes whose frame we map.
  const mapper = new SourceMapper(distDir);
  const nodes = new Map<number, ProfileNode>();
  const scriptBySource: Record<string, number> = {};
  const scriptByChunk: Record<string, number> = {};
  const profileIds = new Set(
    events.filter((e) => e.name === 'Profile' && e.pid === mark.pid && e.tid === tid).map((e) => e.id),
  );
  const sampleTs = new Map<string, number>();
  for (const e of events) {
    if (e.name === 'Profile' && e.pid === mark.pid && profileIds.has(e.id)) {
      sampleTs.set(e.id!, (e.args?.data as { startTime: number }).startTime);
    }
  }
  for (const e of events) {
    // Profile ids are per process: another renderer (the service worker's) reuses them.
    if (e.name !== 'ProfileChunk' || e.pid !== mark.pid || !profileIds.has(e.id)) continue;
    const data = e.args?.data as {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    let ts = sampleTs.get(e.id!) ?? 0;
    for (let k = 0; k < samples.length; k += 1) {
      ts += deltas[k] ?? 0;
      const next = ts + (deltas[k + 1] ?? 0);
      if (ts < start || ts >= end) continue;
      const node = nodes.get(samples[k]!);
      if (!node) continue;
      const { url, functionName, lineNumber, columnNumber } = node.callFrame;
      if (!url && ['(idle)', '(root)'].includes(functionName)) continue;
      const source = url ? mapper.sourceOf(url, lineNumber, columnNumber) : `(${functionName || 'native'})`;
      const chunk = url ? url.replace(/^https?:\/\/[^/]+\//, '') : '(native)';
      scriptBySource[source] = (scriptBySource[source] ?? 0) + ms(next - ts);
      scriptByChunk[chunk] = (scriptByChunk[chunk] ?? 0) + ms(next - ts);
    }
    sampleTs.set(e.id!, ts);
  }
  return { totalMs: ms(end - start), mainThread, scriptBySource, scriptByChunk };
}

export function formatBreakdown(breakdown: TraceBreakdown, top = 12): string {
  const rows = (record: Record<string, number>) =>
    Object.entries(record)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, value]) => `  ${value.toFixed(0).padStart(6)} ms  ${name}`);
  return [
    `navigation start → assignment visible: ${breakdown.totalMs.toFixed(0)} ms`,
    'main thread:',
    ...rows(breakdown.mainThread),
    'script (sampled self time) by source:',
    ...rows(breakdown.scriptBySource),
    'script by chunk:',
    ...rows(breakdown.scriptByChunk),
  ].join('\n');
}
