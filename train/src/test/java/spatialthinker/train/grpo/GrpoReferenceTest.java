package spatialthinker.train.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GRPO advantages, loss, diagnostics and the loss's gradient against the numbers of {@code
 * reference/grpo_easyr1.json}: a float64 restatement of EasyR1's {@code core_algos.py} on seeded
 * random tensors, written by {@code tools/make_train_reference.py}.
 */
class GrpoReferenceTest {

  private static final String RESOURCE = "/reference/grpo_easyr1.json";

  static JsonNode reference() {
    try (InputStream in = GrpoReferenceTest.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + RESOURCE + " is missing");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  static Stream<Arguments> lossCases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : reference().get("loss")) {
      out.add(Arguments.of(c.get("name").asText(), c, DataType.FLOAT64, 1e-9));
      out.add(Arguments.of(c.get("name").asText(), c, DataType.FLOAT32, 1e-6));
    }
    return out.stream();
  }

  @Test
  void recordsTheEasyR1Commit() {
    assertThat(reference().get("easyr1_commit").asText()).matches("[0-9a-f]{40}");
  }

  @Test
  void advantagesMatch() {
    JsonNode cases = reference().get("advantages");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(3);
    for (JsonNode c : cases) {
      double[] got = GrpoLoss.advantages(doubles(c.get("rewards")), c.get("group").asInt());
      double[] want = doubles(c.get("advantages"));
      assertThat(got).hasSameSizeAs(want);
      for (int i = 0; i < want.length; i++) {
        assertThat(got[i])
            .as("group %d, row %d", c.get("group").asInt(), i)
            .isCloseTo(want[i], within(1e-6));
      }
    }
  }

  @ParameterizedTest(name = "{0} in {2}")
  @MethodSource("lossCases")
  void lossDiagnosticsAndGradientMatch(String name, JsonNode c, DataType type, double tol) {
    int b = c.get("batch").asInt();
    int r = c.get("length").asInt();
    GrpoConfig config =
        new GrpoConfig(
            b,
            2,
            1,
            1.0,
            c.get("clip_low").asDouble(),
            c.get("clip_high").asDouble(),
            c.get("dual_clip").asDouble(),
            c.get("kl_coef").asDouble(),
            1e-3,
            1.0,
            0.0,
            1,
            8,
            1,
            1,
            1.0,
            1);
    // the dual clip must be exercised: some negative-advantage tokens have ratios beyond it
    assertThat(c.get("tokens_beyond_dual_clip").asInt()).isGreaterThan(0);
    assertThat(c.get("dual_clip_fraction").asDouble()).isGreaterThan(0);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logp = array(m, c.get("logp"), type, b, r);
      logp.setRequiresGradient(true);
      GrpoLoss.Result got;
      double lossValue;
      try (GradientCollector gc = m.getEngine().newGradientCollector()) {
        got =
            new GrpoLoss(config)
                .compute(
                    logp,
                    array(m, c.get("old_logp"), type, b, r),
                    array(m, c.get("ref_logp"), type, b, r),
                    array(m, c.get("advantages"), type, b, 1),
                    array(m, c.get("mask"), type, b, r));
        assertThat(got.loss().getDataType()).isEqualTo(type);
        lossValue = got.loss().toType(DataType.FLOAT64, false).getDouble();
        gc.backward(got.loss());
      }
      assertThat(lossValue).as("loss").isCloseTo(c.get("loss").asDouble(), within(tol));
      assertThat(got.policyLoss())
          .as("policy loss")
          .isCloseTo(c.get("policy_loss").asDouble(), within(tol));
      assertThat(got.kl()).as("kl").isCloseTo(c.get("kl").asDouble(), within(tol));
      assertThat(got.clipFraction())
          .as("clip fraction")
          .isCloseTo(c.get("clip_fraction").asDouble(), within(1e-6));
      assertThat(got.dualClipFraction())
          .as("dual clip fraction")
          .isCloseTo(c.get("dual_clip_fraction").asDouble(), within(1e-6));
      double[] grad = logp.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
      double[] want = doubles(c.get("grad_logp"));
      assertThat(grad).hasSameSizeAs(want);
      for (int i = 0; i < want.length; i++) {
        assertThat(grad[i]).as("d loss / d logp[%d]", i).isCloseTo(want[i], within(tol));
      }
    }
  }

  private static NDArray array(NDManager m, JsonNode values, DataType type, long... shape) {
    return m.create(doubles(values), new Shape(shape)).toType(type, false);
  }

  static double[] doubles(JsonNode n) {
    double[] d = new double[n.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = n.get(i).asDouble();
    }
    return d;
  }
}
