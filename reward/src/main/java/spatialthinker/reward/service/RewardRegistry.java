package spatialthinker.reward.service;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import spatialthinker.reward.Reward;

/**
 * The rewards a request may ask for by name: the default, and whatever the factory builds. Built
 * rewards are kept (a dense reward loads WordNet once), up to a small number of names.
 */
final class RewardRegistry {

  private static final int MAX_CACHED = 32;

  private final Reward defaultReward;
  private final Function<String, Reward> factory;
  private final Map<String, Reward> built = new ConcurrentHashMap<>();

  RewardRegistry(Reward defaultReward, Function<String, Reward> factory) {
    this.defaultReward = Objects.requireNonNull(defaultReward, "defaultReward");
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  Reward defaultReward() {
    return defaultReward;
  }

  /** The reward named {@code name}, the default when absent. */
  Reward resolve(Optional<String> name) {
    if (name.isEmpty() || name.get().equals(defaultReward.name())) {
      return defaultReward;
    }
    String key = name.get();
    Reward cached = built.get(key);
    if (cached != null) {
      return cached;
    }
    Reward reward = build(key);
    if (built.size() < MAX_CACHED) {
      Reward raced = built.putIfAbsent(key, reward);
      return raced == null ? reward : raced;
    }
    return reward;
  }

  private Reward build(String name) {
    Reward reward;
    try {
      reward = factory.apply(name);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "reward: unknown reward '"
              + RequestBodies.oneLine(name)
              + "': "
              + RequestBodies.oneLine(e.getMessage()));
    }
    if (reward == null) {
      throw new BadRequestException("reward: unknown reward '" + RequestBodies.oneLine(name) + "'");
    }
    return reward;
  }
}
