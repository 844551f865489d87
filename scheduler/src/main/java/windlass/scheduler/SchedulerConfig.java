package windlass.scheduler;

import java.util.Random;
import java.util.random.RandomGenerator;
import windlass.client.Clock;
import windlass.client.WindlassClient;

/**
 * How a {@link Scheduler} runs.
 *
 * @param client the apiserver
 * @param clock times backoffs, flushes and timestamps (a FakeClock in tests)
 * @param schedulerName the spec.schedulerName of the pods this scheduler takes ("default-scheduler"; pods with an
 *     empty schedulerName are taken too when this is the default)
 * @param bindingThreads how many bindings may be in flight at once
 * @param random breaks ties between equally good nodes
 */
public record SchedulerConfig(WindlassClient client, Clock clock, String schedulerName, int bindingThreads,
    RandomGenerator random) {

  public static SchedulerConfig defaults(WindlassClient client) {
    return new SchedulerConfig(client, Clock.system(), DefaultProfile.NAME, 4, new Random());
  }

  public SchedulerConfig withClock(Clock c) {
    return new SchedulerConfig(client, c, schedulerName, bindingThreads, random);
  }

  public SchedulerConfig withRandom(RandomGenerator r) {
    return new SchedulerConfig(client, clock, schedulerName, bindingThreads, r);
  }
}
