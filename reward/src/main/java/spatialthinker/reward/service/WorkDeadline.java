package spatialthinker.reward.service;

import java.util.concurrent.atomic.AtomicBoolean;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardInput;
import spatialthinker.reward.RewardScore;

/** Stops a request's scoring between records once its deadline passed or its client went away. */
record WorkDeadline(long deadlineNanos, AtomicBoolean gone) {

  /** {@code reward}, checking this deadline before each record. */
  Reward guard(Reward reward) {
    return new Reward() {
      @Override
      public RewardScore score(RewardInput input) {
        if (gone.get()) {
          throw new ClientFaultException(499, "client: went away before scoring finished");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
          throw new ClientFaultException(
              503, "work: scoring ran past the per-request deadline; send smaller batches");
        }
        return reward.score(input);
      }

      @Override
      public String name() {
        return reward.name();
      }
    };
  }
}
