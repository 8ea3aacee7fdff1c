import fs from 'node:fs';
import { z } from 'zod';
import type { Notice, TerminalEvent } from '../../common/api/contract.ts';
import { TerminalError } from '../../common/api/result.ts';
import { formatMoney } from '../../common/money.ts';
import type { EngineContext } from '../checkout/index.ts';
import { readStoreFile } from '../ledger/demo-store.ts';
import { Ledger } from '../ledger/ledger.ts';
import { importOperators, readOperatorsFile } from '../ledger/operators-file.ts';
import { readPromotionsFile } from '../ledger/promotions-file.ts';
import type { TerminalConfig } from './config.ts';
import { openDrawer } from './cash-drawer.ts';
import { CredentialCheck } from './credentials.ts';
import { startDevices, type DeviceOptions } from './devices.ts';
import { createDispatch, type Dispatch } from './dispatch.ts';
import { Lane, lanePaymentTerminal } from './lane.ts';
import { OperatorSession } from './operator-session.ts';
import { postVoidDesk } from './post-void.ts';
import { returnDesk } from './returns.ts';
import { isStaffed } from './authorize.ts';
import { classifyCode } from '../../common/scanned-code.ts';
import { shiftDesk } from './shifts.ts';
import { tenderDesk } from './tendering.ts';
import { laneLedger } from './lane-ledger.ts';
import { lanePricing } from './lane-pricing.ts';
import type { Logger } from './log.ts';
import { systemContext, ulid } from './system-context.ts';
import type { TerminalApi } from './terminal-api.ts';
import { scanOrWeigh } from './weighing.ts';
import { correctionsDesk, type CorrectionsDesk } from './corrections-desk.ts';
import { suspendDesk } from './suspend-desk.ts';
import { claimSuspendedForPeer, localSuspendedSource, peerSuspendedSource, type SuspendedBasketSources } from './suspended-source.ts';
import { ClaimAnswerSchema, ClaimRequestSchema, ticketLane, type ClaimAnswer } from '../../common/suspend.ts';
import { defaultCorrectionSettings } from '../../common/corrections.ts';
import { BaggingArea } from './bagging-area.ts';
import { cameraScanning, ExitSaleSchema, gateDesk, localExitSale, ReceiptLookupSchema } from './gate-setup.ts';
import type { ExitSale } from './exit-gate.ts';
import { PeerUnreachable } from '../store/peer-client.ts';
import { LaneSignalLight, laneSignal } from './lane-signal.ts';
import { startStoreNetwork, type StoreNetwork } from '../store/store-network.ts';
import type { StoreBoard } from '../../common/store.ts';
import { IdScanHold } from '../store/id-scan.ts';
import { readIdCard } from './id-card.ts';
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
  /** This terminal on the store network; null when no store key is configured. */
  readonly storeNetwork: StoreNetwork | null;
  /**
   * The store network's handler of another lane's claim of one of this lane's suspended baskets:
   * the request body as received (validated here) and the lane that signed the request, the
   * answer as JSON (suspended-source.ts).
   */
  readonly claimSuspendedForPeer: (body: unknown, callerLane: string) => ClaimAnswer;
  stop(): Promise<void>;
}

/**
 * The composition root: opens the ledger (loading the store's catalog on first start), starts the
 * lane's devices, resumes the open basket and exposes the API. Runs the same under Electron and
 * under plain Node.
 */
/** What the store around the lane provides, when there is one. */
export interface TerminalSurroundings {
  /**
   * Where another lane's suspended baskets are claimed: a peer client per lane id (see
   * suspended-source.ts `peerSuspendedSource`), null for a lane this one cannot reach. This
   * lane's own tickets are always claimed from its own ledger.
   */
  readonly peerSuspendedSources?: SuspendedBasketSources;
  /** Device backends to use instead of the real ones (the bench's fake HID bus). */
  readonly devices?: DeviceOptions;
}

export async function startTerminal(config: TerminalConfig, log: Logger, context: EngineContext = systemContext, surroundings: TerminalSurroundings = {}): Promise<RunningTerminal> {
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
    if (config.promotionsFile) {
      // The file is the demo's source of promotions; the ledger keeps every version it held.
      const imported = ledger.promotions.importFile(readPromotionsFile(config.promotionsFile, store), context.now());
      if (imported.added > 0) log.info({ ...imported, file: config.promotionsFile }, 'promotions imported into the ledger');
    }
    const promotions = ledger.promotions.current();
    const devices = await startDevices(config.devices, log, surroundings.devices);
    const version = terminalVersion();
    const payment = devices.payment;
    const pricing = lanePricing(store, promotions);
    const lanePayment = payment && lanePaymentTerminal(payment);
    const timeZone = store.store.timeZone;
    // Loaded only for a lane with a printer, like its driver (the encoder's tables slow every start).
    const printing = devices.printer && new (await import('./receipt-printing.ts')).ReceiptPrinting(devices.printer, { text: timeZone ? { timeZone } : {}, log, changed: () => lane.refresh() });
    const baggingScale = devices.scales.find((scale) => scale.role === 'bagging')?.scale;
    // A change is shown after the lane's own state event, so the newer state always arrives last.
    const refresh = (): void => queueMicrotask(() => lane.refresh());
    const bagging = baggingScale ? new BaggingArea({ scale: baggingScale, now: () => Date.parse(context.now()), changed: refresh, log }) : null;
    // A receipt from another lane is asked of that lane over the store network (started below).
    const saleElsewhere = async (receiptNumber: string): Promise<ExitSale | null> => {
      const laneId = receiptNumber.slice(0, Math.max(0, receiptNumber.lastIndexOf('-')));
      const peer = config.store?.peers.find((candidate) => candidate.lane.toUpperCase() === laneId.toUpperCase());
      if (!storeNetwork || !peer) return null;
      try {
        const answer = await storeNetwork.client.request(peer, 'POST', '/peer/v1/receipts/lookup', { receiptNumber }, ExitSaleSchema);
        if (!answer.ok) throw new TerminalError(answer.error.code, answer.error.message, answer.error.field);
        return answer.value;
      } catch (error) {
        if (error instanceof PeerUnreachable) throw new TerminalError('LANE_UNREACHABLE', `lane ${peer.lane}, which sold receipt ${receiptNumber}, cannot be asked right now`, 'code');
        throw error;
      }
    };
    const gate = config.role === 'gate' ? gateDesk({ config, gate: devices.gate, ledger, now: context.now, changed: refresh, log, saleElsewhere }) : null;
    const camera = cameraScanning(config);
    const lane: Lane = new Lane({
      role: config.role,
      settings: { laneId: config.laneId, currency: store.store.currency, taxMode: store.store.taxMode, timeZone: store.store.timeZone },
      storeName: store.store.name,
      locale: 'en-US',
      taxCategories: ledger.catalog.taxCategories(),
      pricing,
      ledger: laneLedger(ledger, context.now, promotions.versions),
      payment: lanePayment,
      context,
      devices: () => devices.statuses(),
      log,
      saleCompleted: printing ? (receipt) => printing.saleCompleted(receipt) : undefined,
      annotate: (state) => ({
        ...(printing ? { receiptPrint: printing.status(state.receipt) } : {}),
        ...(bagging ? { bagging: bagging.view() } : {}),
        ...(gate ? { gate: gate.view() } : {}),
        ...(camera ? { camera } : {}),
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
      describe: (command, input) => corrections.describe(command, input),
    });
    const corrections: CorrectionsDesk = correctionsDesk({ lane, session, settings: store.store.corrections ?? defaultCorrectionSettings, terminalRole: config.role });
    session.on('session', (payload) => publish({ event: 'session', payload }));
    const light = devices.light && new LaneSignalLight(devices.light, log);
    if (light) {
      const signal = (): void => light.update(laneSignal(lane.state(), session.view()));
      lane.on('state', signal);
      session.on('session', signal);
      devices.onStatus(signal);
      signal();
    }
    const desk = postVoidDesk({ ledger, session, laneId: config.laneId, now: context.now, newVoidId: () => `void_${ulid()}`, payment: lanePayment });
    const notify = (payload: Notice): void => publish({ event: 'notice', payload });
    const tenders = tenderDesk({ lane, ledger, session, drawer: devices.drawer, laneId: config.laneId, currency: store.store.currency, context, notify, log });
    const returns = returnDesk({
      ledger,
      printer: devices.printer,
      staffedLane: isStaffed(config.role),
      session,
      payment: payment && { refund: (request) => payment.refund(request) },
      drawer: devices.drawer,
      settings: { laneId: config.laneId, currency: store.store.currency, taxMode: store.store.taxMode, timeZone: store.store.timeZone },
      storeName: store.store.name,
      taxCategories: ledger.catalog.taxCategories(),
      pricing,
      noReceiptDays: config.noReceiptReturnDays ?? 30,
      paymentUnderWay: () => lane.state().phase === 'paying',
      now: context.now,
      newId: (prefix) => `${prefix}_${ulid()}`,
      notify,
      log,
    });
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

    // A receipt scanned at the associate lane, by any scanner path, opens its Returns screen (the
    // screen listens for this notice); self-checkout keeps refusing it (scan-decision.ts).
    const receiptNumberOf = (code: string): string => {
      const scanned = classifyCode(code, pricing.scanRules);
      return scanned.kind === 'receipt' ? scanned.receiptNumber : '';
    };
    const isReceiptAtStaffedLane = (code: string): boolean => config.role === 'associate' && receiptNumberOf(code) !== '';
    // A lane that cannot join the store network still sells; the attendant's board shows it offline.
    const joinStore = (network: NonNullable<typeof config.store>): Promise<StoreNetwork | null> =>
      startStoreNetwork({
        config: network,
        laneId: config.laneId,
        session: () => session.view(),
        now: () => Date.parse(context.now()),
        log,
        lane: {
          laneId: config.laneId,
          role: () => config.role,
          state: () => lane.state(),
          ageCheckNeeded: () => lane.ageCheckNeeded(),
          verifyAge: (dateOfBirth, method, authorizedBy, requestId) => void lane.verifyAge(dateOfBirth, method, authorizedBy, requestId),
          voidLine: (lineId, requestId) => void lane.voidLine(lineId, requestId),
          clearBagging: () => {
            if (!bagging) throw new TerminalError('DEVICE_UNAVAILABLE', 'this lane has no bagging scale');
            bagging.clear();
          },
          acknowledgeHelp: (requestId) => lane.cancelHelp(requestId) !== null,
          findOperator: (operatorId) => ledger.operators.find(operatorId),
          audit: (entry) => ledger.audit.record({ ...entry, approverId: null, laneId: config.laneId, at: context.now() }),
        },
      }).catch((error: unknown) => {
        log.error({ err: error instanceof Error ? error.message : String(error), listen: network.listen }, 'the store peer API could not start; this terminal works alone');
        return null;
      });
    const storeNetwork = config.store ? await joinStore(config.store) : null;
    const board = storeNetwork?.board ?? null;
    const nowMs = (): number => Date.parse(context.now());
    // An ID card scanned at the attendant station waits here for the lane it is meant for.
    const idScans = new IdScanHold(store.store.timeZone ?? 'UTC');
    const boardView = (): StoreBoard => ({ ...(board?.view() ?? { lanes: [] }), idScan: idScans.view(nowMs()) });
    /** Who acts from this station: the approver of a step-up, else the operator signed in. */
    const attendantId = (): string => {
      const actor = session.actor();
      const id = actor.approverId ?? actor.operatorId;
      if (!id) throw new TerminalError('SIGN_IN_REQUIRED', 'sign in to act on a lane');
      return id;
    };
    const onLane = async (laneId: string, requestId: string, action: Parameters<NonNullable<typeof board>['act']>[1]['action']): Promise<StoreBoard> => {
      if (!board) throw new TerminalError('LANE_UNREACHABLE', 'this terminal watches no lanes: configure store.peers');
      await board.act(laneId, { requestId, operatorId: attendantId(), action });
      return boardView();
    };
    // A gate asks this lane about its receipts.
    storeNetwork?.peer.addRoute({
      method: 'POST',
      path: '/peer/v1/receipts/lookup',
      body: ReceiptLookupSchema,
      handle: (body) => localExitSale(ledger, body.receiptNumber),
    });
    const ownSuspensions = localSuspendedSource(ledger, context.now);
    // Another lane of the store resumes this lane's tickets through the peer API, and this lane
    // resumes theirs from the peers it is configured with.
    storeNetwork?.peer.addRoute({
      method: 'POST',
      path: '/peer/v1/suspended/claim',
      body: ClaimRequestSchema,
      handle: (body, from) => claimSuspendedForPeer(ledger, body, context.now, from.lane),
    });
    const peerSuspensions: SuspendedBasketSources = (laneId) => {
      const peer = config.store?.peers.find((candidate) => candidate.lane.toUpperCase() === laneId.toUpperCase());
      if (!storeNetwork || !peer) return null;
      return peerSuspendedSource(peer.lane, async (request) => {
        const answer = await storeNetwork.client.request(peer, 'POST', '/peer/v1/suspended/claim', request, ClaimAnswerSchema);
        if (!answer.ok) throw new TerminalError(answer.error.code, answer.error.message, answer.error.field);
        return answer.value;
      });
    };
    const parking = suspendDesk({
      lane,
      ledger,
      session,
      laneId: config.laneId,
      storeName: store.store.name,
      timeZone: store.store.timeZone,
      printer: devices.printer,
      sources: (laneId) => (laneId.toUpperCase() === config.laneId.toUpperCase() ? ownSuspensions : (surroundings.peerSuspendedSources ?? peerSuspensions)(laneId)),
      now: context.now,
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
          if (isReceiptAtStaffedLane(input.code)) {
            publish({ event: 'notice', payload: { level: 'info', code: 'RECEIPT', message: receiptNumberOf(input.code) } });
            return lane.state();
          }
          const idCard = config.role === 'attendant' ? readIdCard(input.code) : null;
          if (idCard) {
            idScans.hold(idCard, nowMs());
            notify({ level: 'info', code: 'SCANNED', message: 'ID card read: open the lane to approve its age check' });
            return lane.state();
          }
          // A suspend ticket scanned or keyed at the lane resumes its sale.
          if (ticketLane(input.code) !== null) return parking.resume(input.code.trim().toUpperCase(), input.requestId);
          if (!session.badgeOwner(input.code)) return scanOrWeigh(lane, pricingScale, input);
          await session.presentBadge(input.code, run);
          return lane.state();
        },
        'basket.setQuantity': (input) => lane.setQuantity(input.lineId, input.quantity, input.requestId),
        'basket.cancel': async (input) => {
          const before = lane.state().basket;
          const cash = lane.tenders.reduce((sum, tender) => sum + (tender.method === 'cash' ? tender.amount : 0), 0);
          const after = await lane.cancel(input.requestId);
          if (before && after.basket === null) {
            session.record({ action: 'basket.void', subject: before.basketId, details: { lines: before.lines.length, total: before.total, currency: before.currency, paymentsGivenBack: before.tenders.length } });
            if (cash > 0) {
              notify({ level: 'info', code: 'CASH_BACK', message: `Give back ${formatMoney(cash, before.currency)} in cash taken on the voided basket.` });
              void openDrawer(devices.drawer, 'basket void: cash given back', notify, log);
            }
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
        'return.lookup': (input) => returns.lookup(input.receiptNumber),
        'return.quote': (input) => returns.quote(input.receiptNumber, input.lines),
        'return.byReceipt': (input) => returns.returnByReceipt(input.receiptNumber, input.lines, input.requestId),
        'return.quoteNoReceipt': (input) => returns.quoteWithoutReceipt(input.code, input.quantity),
        'return.noReceipt': (input) => returns.returnWithoutReceipt(input.code, input.quantity, input.refund, input.requestId),
        'return.view': (input) => returns.byRequest(input.requestId),
        'age.verify': (input) => {
          const needed = lane.ageCheckNeeded();
          const state = lane.verifyAge(input.dateOfBirth, 'dob', attendantId(), input.requestId);
          session.record({ action: 'age.approved', subject: state.basket?.basketId ?? null, details: { minimumAge: needed, method: 'dob' } });
          return state;
        },
        'store.board': () => boardView(),
        'attendant.approveAge': (input) => {
          if (input.dateOfBirth !== undefined) return onLane(input.laneId, input.requestId, { type: 'approveAge', dateOfBirth: input.dateOfBirth, method: 'dob' });
          const scanned = idScans.take(nowMs());
          if (!scanned) throw new TerminalError('INVALID_INPUT', 'scan the ID card at this station first (a scan is good for one minute)', 'idScan');
          if (scanned.expired) throw new TerminalError('ID_EXPIRED', `the ID card expired on ${scanned.card.expires ?? '?'}; ask for a valid one`, 'idScan');
          return onLane(input.laneId, input.requestId, { type: 'approveAge', dateOfBirth: scanned.card.dateOfBirth, method: 'id-scan' });
        },
        'attendant.voidLine': (input) => onLane(input.laneId, input.requestId, { type: 'voidLine', lineId: input.lineId }),
        'attendant.clearBagging': (input) => onLane(input.laneId, input.requestId, { type: 'clearBagging' }),
        'attendant.acknowledgeHelp': (input) => onLane(input.laneId, input.requestId, { type: 'acknowledgeHelp' }),
        'corrections.settings': () => corrections.settings(),
        'line.void': (input) => corrections.voidLine(input),
        'line.overridePrice': (input) => corrections.overridePrice(input),
        'line.discount': (input) => corrections.discountLine(input),
        'basket.taxExempt': (input) => corrections.exemptFromTax(input),
        'basket.suspend': (input) => parking.suspend(input.requestId),
        'basket.resume': (input) => parking.resume(input.ticket, input.requestId),
        'basket.suspended': () => parking.waiting(),
        'catalog.categories': (input) => ledger.lookup.categories(input.language),
        'catalog.search': (input) => ledger.lookup.search(input),
        'gate.present': (input) => {
          if (!gate) throw new TerminalError('FORBIDDEN', 'this terminal is not a gate');
          return gate.present(input.code, input.requestId);
        },
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
        session.authorize(command, input, corrections.access(command, input));
      },
    );

    devices.onScan((scan) => {
      if (gate) {
        // A gate has no basket: a scan is an app entry code or a receipt asking to leave; the gate screen shows the outcome.
        void gate.present(scan.code);
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
      storeNetwork,
      claimSuspendedForPeer: (body, callerLane) => claimSuspendedForPeer(ledger, body, context.now, callerLane),
      async stop() {
        await storeNetwork?.stop();
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
