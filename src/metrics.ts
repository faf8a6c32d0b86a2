import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ChatCore } from './chat/core.js';
import type { PlatformAdapter } from './adapters/adapter.js';
import { observeQueries } from './db/query-timing.js';
import { observeSendDrops, observeSendFailures } from './outbox/failures.js';
import { observeChartRenders } from './print/result-chart.js';

/** Seconds: from a few milliseconds (a cached look-up) to the 5 s a person may wait. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ServiceMetrics {
  registry: Registry;
  /** The same core, its `receive` timed into `yishi_message_handling_seconds`. */
  timeCore(core: ChatCore): ChatCore;
  /** The Prometheus text of /metrics. */
  render(): Promise<string>;
  stop(): void;
}

/**
 * The service's Prometheus metrics (prom-client, a registry of its own): message handling and
 * database statement latency histograms, result chart drawing (time, the renderer's peak memory), messages in flight, platform state, and Node's process
 * metrics (memory, CPU, event loop lag), failed sends by reason and low-priority messages dropped.
 * Labels carry no ids, texts or secrets.
 */
export function createMetrics(opts: { inFlight: () => number; adapters: () => PlatformAdapter[] }): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const handling = new Histogram({
    name: 'yishi_message_handling_seconds',
    help: 'Time to handle one incoming message or button press, replies included',
    labelNames: ['platform'],
    buckets: BUCKETS,
    registers: [registry],
  });
  const queries = new Histogram({
    name: 'yishi_db_query_seconds',
    help: 'Time of one database statement',
    labelNames: ['outcome'],
    buckets: BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'yishi_in_flight',
    help: 'Messages being handled now',
    registers: [registry],
    collect() {
      this.set(opts.inFlight());
    },
  });
  new Gauge({
    name: 'yishi_platform_up',
    help: '1 when the platform is connected',
    labelNames: ['platform'],
    registers: [registry],
    collect() {
      for (const a of opts.adapters()) this.set({ platform: a.platform }, a.status().state === 'up' ? 1 : 0);
    },
  });
  observeQueries((seconds, ok) => queries.observe({ outcome: ok ? 'ok' : 'error' }, seconds));
  const charts = new Histogram({
    name: 'yishi_chart_render_seconds',
    help: 'Time to draw one result chart in the renderer process (its start included)',
    labelNames: ['outcome'],
    buckets: BUCKETS,
    registers: [registry],
  });
  const rendererPeak = new Gauge({
    name: 'yishi_chart_renderer_peak_rss_bytes',
    help: 'The largest resident set size any chart renderer process reached',
    registers: [registry],
  });
  let peak = 0;
  observeChartRenders((r) => {
    charts.observe({ outcome: r.ok ? 'ok' : 'error' }, r.ms / 1000);
    if (r.peakRssBytes != null && r.peakRssBytes > peak) rendererPeak.set((peak = r.peakRssBytes));
  });
  const sendFailures = new Counter({
    name: 'yishi_send_failures_total',
    help: 'Failed sends (each attempt) by platform and reason: rights, blocked, chat_not_found, bad_request, server_error, flood, network, other',
    labelNames: ['platform', 'reason'],
    registers: [registry],
  });
  observeSendFailures((platform, reason) => sendFailures.inc({ platform, reason }));
  const drops = new Counter({
    name: 'yishi_sends_dropped_total',
    help: "Reactions and turnout notes not sent because a group's budget was tight",
    labelNames: ['platform', 'kind'],
    registers: [registry],
  });
  observeSendDrops((platform, kind, n) => drops.inc({ platform, kind }, n));
  return {
    registry,
    timeCore(core) {
      return {
        ...core,
        async receive(msg, respond) {
          const end = handling.startTimer({ platform: msg.platform });
          try {
            return await core.receive(msg, respond);
          } finally {
            end();
          }
        },
      };
    },
    render: () => registry.metrics(),
    stop() {
      observeQueries(undefined);
      observeChartRenders(undefined);
      observeSendFailures(undefined);
      observeSendDrops(undefined);
      registry.clear();
    },
  };
}
