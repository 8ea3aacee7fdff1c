import { TerminalError } from '../../common/api/result.ts';
import { ClaimAnswerSchema, ClaimRequestSchema, type ClaimAnswer, type ClaimRequest } from '../../common/suspend.ts';
import type { Ledger } from '../ledger/ledger.ts';

/**
 * Where a resuming lane finds a suspended basket: the lane that suspended it keeps it in its
 * ledger. `claim` marks it taken for `request.claimId` there, exactly once, and answers its
 * contents; the same claim id answers the same basket again (a retry), any other is refused.
 *
 * This lane's own tickets come from `localSuspendedSource`; another lane's from that lane over
 * the store network: `peerSuspendedSource` around the network call, answered on the holding
 * lane by `claimSuspendedForPeer`.
 */
export interface SuspendedBasketSource {
  claim(request: ClaimRequest): Promise<ClaimAnswer>;
}

/** The source for a lane id: this lane's ledger, a peer's client, or null for a lane the store does not know. */
export type SuspendedBasketSources = (laneId: string) => SuspendedBasketSource | null;

/** This lane's own suspended baskets. */
export function localSuspendedSource(ledger: Ledger, now: () => string): SuspendedBasketSource {
  return { claim: (request) => Promise.resolve(ledger.suspensions.claim(request, now())) };
}

/**
 * The holding lane's handler of a peer's claim (the store network's route calls it with the
 * request body as received, and the lane id the request was signed by). Bad input is refused by
 * name, and a lane claiming in another lane's name is refused; the answer is plain JSON.
 */
export function claimSuspendedForPeer(ledger: Ledger, body: unknown, now: () => string, callerLane?: string): ClaimAnswer {
  const parsed = ClaimRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = (issue?.path ?? []).map(String).join('.') || 'body';
    throw new TerminalError('INVALID_INPUT', `${field}: ${issue?.message ?? 'invalid'}`, field);
  }
  if (callerLane !== undefined && callerLane.toUpperCase() !== parsed.data.claimingLaneId.toUpperCase()) {
    throw new TerminalError('FORBIDDEN', `lane ${callerLane} cannot claim a suspended basket in the name of lane ${parsed.data.claimingLaneId}`, 'claimingLaneId');
  }
  return ledger.suspensions.claim(parsed.data, now());
}

/**
 * A peer lane's suspended baskets through the store network: `send` posts the claim to the peer
 * (authenticated by the store key) and resolves with its JSON answer. An answer that is not a
 * claim answer, or no answer at all, is LANE_UNREACHABLE: the ticket stays with the peer, and the
 * same claim may be asked again.
 */
export function peerSuspendedSource(laneId: string, send: (request: ClaimRequest) => Promise<unknown>): SuspendedBasketSource {
  return {
    async claim(request) {
      let answer: unknown;
      try {
        answer = await send(request);
      } catch (error) {
        // The peer's own refusal (a bad claim) keeps its meaning; anything else is the network's.
        if (error instanceof TerminalError) throw error;
        throw new TerminalError('LANE_UNREACHABLE', `lane ${laneId} holds ticket ${request.ticket} but did not answer (${error instanceof Error ? error.message : 'no answer'}); try again, or resume it on lane ${laneId}`);
      }
      const parsed = ClaimAnswerSchema.safeParse(answer);
      if (!parsed.success) throw new TerminalError('LANE_UNREACHABLE', `lane ${laneId} answered the claim of ticket ${request.ticket} with something that is not a claim answer`);
      return parsed.data;
    },
  };
}
