import fs from 'node:fs';
import type { Notice, TerminalEvent } from '../../common/api/contract.ts';
import { TerminalError } from '../../common/api/result.ts';
import type { EngineContext } from '../checkout/index.ts';
import { readStoreFile } from '../ledger/demo-store.ts';
import { Ledger } from '../ledger/ledger.ts';
import type { TerminalConfig } from './config.ts';
import { startDevices } from './devices.ts';
import { createDispatch } from './dispatch.ts';
import { Lane, type LanePaymentTerminal } from './lane.ts';
import { laneLedger } from './lane-ledger.ts';
import { lanePricing } from './lane-pricing.ts';
import type { Logger } from './log.ts';
import { systemContext, ulid } from './system-context.ts';
import type { TerminalApi } from './terminal-api.ts';

export interface RunningTerminal {
  readonly api: TerminalApi;
  readonly lane: Lane;
  readonly ledger: Ledger;
  stop(): Promise<void>;
}

/**
 * The composition root: opens the ledger (loading the store's catalog on first start), starts the
 * lane's devices, resumes the open basket and exposes the API. Runs the same under Electron and
 * under plain Node.
 */
export async function startTerminal(config: TerminalConfig, log: Logger, context: EngineContext = systemContext): Promise<RunningTerminal> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const ledger = Ledger.open(config.databaseFile);
  try {
    const store = readStoreFile(config.storeFile);
    if (ledger.catalog.count() === 0) {
      const summary = ledger.catalog.importCatalog(store);
      log.info({ items: summary.items, file: config.storeFile }, 'catalog loaded on first start');
    }
    const devices = await startDevices(config.devices, log);
    const payment = devices.payment;
    const lanePayment: LanePaymentTerminal | null = payment && {
      sale: (request) => payment.sale(request),
      abort: () => payment.abort(),
      onPrompt: (listener) => payment.on('prompt', listener),
    };
    const lane = new Lane({
      role: config.role,
      settings: { laneId: config.laneId, currency: store.store.currency, taxMode: store.store.taxMode, timeZone: store.store.timeZone },
      storeName: store.store.name,
      locale: 'en-US',
      taxCategories: ledger.catalog.taxCategories(),
      pricing: lanePricing(store, config.promotionsFile),
      ledger: laneLedger(ledger, context.now),
      payment: lanePayment,
      context,
      devices: () => devices.statuses(),
      log,
    });
    lane.resume();

    const listeners = new Set<(event: TerminalEvent) => void>();
    const publish = (event: TerminalEvent): void => {
      for (const listener of listeners) listener(event);
    };
    lane.on('state', (payload) => publish({ event: 'state', payload }));
    lane.on('notice', (payload) => publish({ event: 'notice', payload }));
    devices.onStatus(() => publish({ event: 'state', payload: lane.state() }));
    devices.onScan((scan) => {
      try {
        lane.scan(scan.code, 'scanner', `scan-${ulid()}`);
      } catch (error) {
        // Nobody awaits a hardware scan: the shopper learns of a refusal through a notice.
        const notice: Notice =
          error instanceof TerminalError
            ? { level: 'error', code: error.code, message: error.message }
            : { level: 'error', code: 'INTERNAL', message: 'the scan could not be added' };
        if (!(error instanceof TerminalError)) log.error({ err: error }, 'scan failed');
        publish({ event: 'notice', payload: notice });
      }
    });

    const dispatch = createDispatch(
      {
        'terminal.state': () => lane.state(),
        'basket.scan': (input) => lane.scan(input.code, input.source, input.requestId, input.quantity),
        'basket.setQuantity': (input) => lane.setQuantity(input.lineId, input.quantity, input.requestId),
        'basket.cancel': (input) => lane.cancel(input.requestId),
        'payment.start': (input) => lane.startPayment(input.requestId),
        'payment.cancel': (input) => lane.cancelPayment(input.requestId),
        'sale.finish': (input) => lane.finishSale(input.requestId),
      },
      log,
    );

    const api: TerminalApi = {
      dispatch,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      health() {
        const statuses = devices.statuses();
        return {
          status: statuses.every((device) => device.state === 'online') ? 'ok' : 'degraded',
          role: config.role,
          laneId: config.laneId,
          devices: statuses,
        };
      },
    };
    log.info({ role: config.role, laneId: config.laneId, ledger: config.databaseFile }, 'terminal started');
    return {
      api,
      lane,
      ledger,
      async stop() {
        await lane.settled();
        await devices.close();
        ledger.close();
      },
    };
  } catch (error) {
    ledger.close();
    throw error;
  }
}
