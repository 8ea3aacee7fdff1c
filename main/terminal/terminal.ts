import fs from 'node:fs';
import { z } from 'zod';
import type { Notice, TerminalEvent } from '../../common/api/contract.ts';
import { TerminalError } from '../../common/api/result.ts';
import type { EngineContext } from '../checkout/index.ts';
import { readStoreFile } from '../ledger/demo-store.ts';
import { Ledger } from '../ledger/ledger.ts';
import { importOperators, readOperatorsFile } from '../ledger/operators-file.ts';
import type { TerminalConfig } from './config.ts';
import { CredentialCheck } from './credentials.ts';
import { startDevices } from './devices.ts';
import { createDispatch, type Dispatch } from './dispatch.ts';
import { Lane, type LanePaymentTerminal } from './lane.ts';
import { OperatorSession } from './operator-session.ts';
import { postVoidDesk } from './post-void.ts';
import { shiftDesk } from './shifts.ts';
import { tenderDesk } from './tendering.ts';
import { laneLedger } from './lane-ledger.ts';
import { lanePricing } from './lane-pricing.ts';
import type { Logger } from './log.ts';
import { systemContext, ulid } from './system-context.ts';
import type { TerminalApi } from './terminal-api.ts';
import { scanOrWeigh } from './weighing.ts';
import { BaggingArea } from './bagging-area.ts';
import { ExitGate } from './exit-gate.ts';
import { LaneSignalLight, laneSignal } from './lane-signal.ts';
import { ledgerHealth, terminalHealth, terminalVersion } from './health.ts';
import { SimulatorPanel } from './simulator-panel.ts';

const ScannedCode = z.object({ code: z.string() });

function isBadgeScan(session: OperatorSession, input: unknown): boolean {
  const scanned = ScannedCode.safeParse(input);
  return scanned.success && session.badgeOwner(scanned.data.code) !== null;
}

export interface RunningTerminal {
  readonly api: TerminalApi;
  readonly lane: Lane;
  readonly session: OperatorSession;
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
    if (ledger.operators.count() === 0) {
      const count = await importOperators(ledger.operators, readOperatorsFile(config.operatorsFile), context.now());
      log.info({ operators: count, file: config.operatorsFile }, 'operators loaded on first start');
    }
    const devices = await startDevices(config.devices, log);
    const version = terminalVersion();
    const payment = devices.payment;
    const lanePayment: LanePaymentTerminal | null = payment && {
      sale: (request) => payment.sale(request),
      abort: () => payment.abort(),
      onPrompt: (listener) => payment.on('prompt', listener),
    };
    const timeZone = store.store.timeZone;
    // Loaded only for a lane with a printer, like its driver (the encoder's tables slow every start).
    const printing = devices.printer && new (await import('./receipt-printing.ts')).ReceiptPrinting(devices.printer, { text: timeZone ? { timeZone } : {}, log, changed: () => lane.refresh() });
    const baggingScale = devices.scales.find((scale) => scale.role === 'bagging')?.scale;
    // A change is shown after the lane's own state event, so the newer state always arrives last.
    const refresh = (): void => queueMicrotask(() => lane.refresh());
    const bagging = baggingScale ? new BaggingArea({ scale: baggingScale, now: () => Date.parse(context.now()), changed: refresh, log }) : null;
    const lane: Lane = new Lane({
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
      saleCompleted: printing ? (receipt) => printing.saleCompleted(receipt) : undefined,
      annotate: (state) => ({
        ...(printing ? { receiptPrint: printing.status(state.receipt) } : {}),
        ...(bagging ? { bagging: bagging.view() } : {}),
      }),
    });
    lane.resume();
    bagging?.resume(lane.state());
    lane.on('state', (state) => bagging?.observe(state));
    const pricingScale = devices.scales.find((scale) => scale.role === 'pricing')?.scale ?? null;

    const listeners = new Set<(event: TerminalEvent) => void>();
    const publish = (event: TerminalEvent): void => {
      for (const listener of listeners) listener(event);
    };
    lane.on('state', (payload) => publish({ event: 'state', payload }));
    lane.on('notice', (payload) => publish({ event: 'notice', payload }));
    devices.onStatus(() => publish({ event: 'state', payload: lane.state() }));

    const credentials = new CredentialCheck({ operators: ledger.operators, audit: ledger.audit, laneId: config.laneId, now: context.now });
    const session = new OperatorSession({
      terminalRole: config.role,
      laneId: config.laneId,
      credentials,
      audit: ledger.audit,
      now: context.now,
      newApprovalId: () => `apv_${ulid()}`,
    });
    session.on('session', (payload) => publish({ event: 'session', payload }));
    const light = devices.light && new LaneSignalLight(devices.light, log);
    if (light) {
      const signal = (): void => light.update(laneSignal(lane.state(), session.view()));
      lane.on('state', signal);
      session.on('session', signal);
      devices.onStatus(signal);
      signal();
    }
    const desk = postVoidDesk({ ledger, session, laneId: config.laneId, now: context.now, newVoidId: () => `void_${ulid()}` });
    const notify = (payload: Notice): void => publish({ event: 'notice', payload });
    const tenders = tenderDesk({ lane, ledger, session, drawer: devices.drawer, laneId: config.laneId, currency: store.store.currency, context, notify, log });
    const cashOffice = shiftDesk({
      ledger,
      session,
      drawer: devices.drawer,
      printer: devices.printer,
      laneId: config.laneId,
      storeName: store.store.name,
      currency: store.store.currency,
      timeZone: store.store.timeZone ?? 'UTC',
      now: context.now,
      newId: (prefix) => `${prefix}_${ulid()}`,
      notify,
      log,
    });

    const simulators = config.simulatorControl
      ? new SimulatorPanel({
          socketPath: config.simulatorControl,
          nameOf: (code) => {
            try {
              return ledger.catalog.findByCode(code)?.item.name ?? null;
            } catch {
              return null; // not a product code (a badge)
            }
          },
        })
      : null;
    if (simulators) log.warn({ control: config.simulatorControl }, 'development lane: the simulator panel is on');
    // An approved command runs again through the dispatch, so it meets the same validation and guard.
    let dispatch: Dispatch = () => Promise.reject(new Error('the dispatch is not ready'));
    const run: Dispatch = (command, input) => dispatch(command, input);
    dispatch = createDispatch(
      {
        'terminal.state': () => lane.state(),
        // A badge is a scan too (keyboard wedge, serial scanner or keyed): it signs in, unlocks or approves.
        'basket.scan': async (input) => {
          if (!session.badgeOwner(input.code)) return scanOrWeigh(lane, pricingScale, input);
          await session.presentBadge(input.code, run);
          return lane.state();
        },
        'basket.setQuantity': (input) => lane.setQuantity(input.lineId, input.quantity, input.requestId),
        'basket.cancel': (input) => {
          const before = lane.state().basket;
          const after = lane.cancel(input.requestId);
          if (before && after.basket === null) {
            session.record({ action: 'basket.void', subject: before.basketId, details: { lines: before.lines.length, total: before.total, currency: before.currency } });
          }
          return after;
        },
        'payment.start': (input) => {
          bagging?.assertClear();
          return lane.startPayment(input.requestId, input.amount);
        },
        'payment.cancel': (input) => lane.cancelPayment(input.requestId),
        'sale.finish': (input) => lane.finishSale(input.requestId),
        'lane.callHelp': (input) => {
          if (lane.callHelp(input.requestId)) {
            session.record({ action: 'lane.helpCalled', subject: config.laneId, details: { phase: lane.state().phase } });
          }
          return lane.state();
        },
        'lane.cancelHelp': (input) => {
          const cleared = lane.cancelHelp(input.requestId);
          if (cleared) {
            session.record({ action: 'lane.helpCancelled', subject: config.laneId, details: { requestedAt: cleared.requestedAt } });
          }
          return lane.state();
        },
        'bagging.allow': (input) => {
          if (!bagging) throw new TerminalError('DEVICE_UNAVAILABLE', 'this lane has no bagging scale');
          bagging.allow(input.what);
          return lane.state();
        },
        'operator.session': () => session.view(),
        'operator.signIn': (input) => session.signIn(input.credential),
        'operator.signOut': () => {
          // A sale belongs to whoever rang it up: finish it first, or Lock to step away from it.
          if (lane.state().phase !== 'welcome' && lane.state().phase !== 'receipt') {
            throw new TerminalError('FORBIDDEN', 'finish or cancel the sale before signing out (Lock keeps it for you)');
          }
          return session.signOut();
        },
        'operator.lock': () => session.lock(),
        'operator.unlock': (input) => session.unlock(input.credential),
        'approval.grant': (input) => session.grant(input.approvalId, input.credential, run),
        'approval.cancel': (input) => session.cancelApproval(input.approvalId),
        'sale.lookup': (input) => desk.lookup(input.receiptNumber),
        'sale.postVoid': (input) => desk.postVoid(input.receiptNumber, input.reason, input.requestId),
        'tender.cash': (input) => tenders.cash(input.tendered, input.requestId),
        'tender.giftCard': (input) => tenders.giftCard(input.code, input.amount, input.requestId),
        'giftCard.balance': (input) => tenders.balance(input.code),
        'giftCard.issue': (input) => tenders.issue(input.code, input.amount, input.reason, input.requestId),
        'drawer.noSale': (input) => cashOffice.move('no-sale', 0, 'no-sale', undefined, input.requestId),
        'cash.paidIn': (input) => cashOffice.move('paid-in', input.amount, input.reason, input.note, input.requestId),
        'cash.paidOut': (input) => cashOffice.move('paid-out', input.amount, input.reason, input.note, input.requestId),
        'shift.current': () => cashOffice.current(),
        'shift.open': (input) => cashOffice.open(input.float, input.requestId),
        'shift.close': (input) => cashOffice.close(input.counted, input.requestId),
        'report.x': () => cashOffice.xReport(),
        'report.z': (input) => cashOffice.zReport(input.requestId),
        'simulator.panel': () => simulators?.view() ?? null,
        'simulator.act': (input) => {
          if (!simulators) throw new TerminalError('DEVICE_UNAVAILABLE', 'the simulator panel exists only on a development lane started with npm start');
          return simulators.act(input.action);
        },
      },
      log,
      (command, input) => {
        // A badge is not an item: it may be scanned by nobody-signed-in, to sign in.
        if (command === 'basket.scan' && isBadgeScan(session, input)) return;
        session.authorize(command, input);
      },
    );

    const gate = devices.gate;
    const exitGate =
      config.role === 'gate' && gate
        ? new ExitGate({
            findSale: (receiptNumber) => {
              const sale = ledger.sales.findByReceiptNumber(receiptNumber);
              return sale && { completedAt: sale.completedAt, voided: ledger.postVoids.voidOf(sale.saleId) !== null };
            },
            gate,
            now: () => Date.parse(context.now()),
            log,
          })
        : null;
    devices.onScan((scan) => {
      if (exitGate) {
        // A gate has no basket: a scan is a receipt asking to leave.
        exitGate.admit(scan.code).then(
          ({ receiptNumber }) => publish({ event: 'notice', payload: { level: 'info', code: 'SCANNED', message: `Receipt ${receiptNumber}: the gate is open` } }),
          (error: unknown) => {
            const refusal = error instanceof TerminalError ? error : new TerminalError('INTERNAL', 'the gate could not check that receipt');
            publish({ event: 'notice', payload: { level: 'error', code: refusal.code, message: refusal.message } });
          },
        );
        return;
      }
      // Nobody awaits a hardware scan: the shopper or cashier learns of a refusal through a notice.
      void dispatch('basket.scan', { requestId: `scan-${ulid()}`, code: scan.code, source: 'scanner' }).then((result) => {
        if (!result.ok) publish({ event: 'notice', payload: { level: 'error', code: result.error.code, message: result.error.message } });
      });
    });

    const api: TerminalApi = {
      dispatch,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      health: () =>
        terminalHealth({
          role: config.role,
          laneId: config.laneId,
          version,
          now: new Date(),
          ledger: ledgerHealth({ isOpen: ledger.isOpen, lastSaleSeq: () => ledger.sales.lastSeq(), outboxBacklog: () => ledger.outbox.pendingCount() }),
          devices: devices.health(),
        }),
    };
    log.info({ role: config.role, laneId: config.laneId, ledger: config.databaseFile }, 'terminal started');
    return {
      api,
      lane,
      session,
      ledger,
      async stop() {
        await lane.settled();
        await printing?.settled();
        await devices.close();
        ledger.close();
      },
    };
  } catch (error) {
    ledger.close();
    throw error;
  }
}
