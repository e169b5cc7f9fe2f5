package spatialthinker.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spatialthinker.train.model.Parameters;

/**
 * AdamW with global-norm clipping against {@code reference/adamw_torch.json}: {@code
 * torch.nn.utils.clip_grad_norm_} then {@code torch.optim.AdamW} (weight decay on {@code .w}
 * parameters only) in float64 on the same seeded parameters and gradients, written by {@code
 * tools/make_train_reference.py}.
 */
class AdamWReferenceTest {

  private static final String RESOURCE = "/reference/adamw_torch.json";

  private static JsonNode reference() {
    try (InputStream in = AdamWReferenceTest.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + RESOURCE + " is missing");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  @Test
  void clippedAdamWStepsMatchTorch() {
    JsonNode ref = reference();
    double lr = ref.get("lr").asDouble();
    double maxNorm = ref.get("max_norm").asDouble();
    AdamW.Settings settings =
        new AdamW.Settings(
            ref.get("beta1").asDouble(),
            ref.get("beta2").asDouble(),
            ref.get("eps").asDouble(),
            ref.get("weight_decay").asDouble());
    int clipped = 0;
    int unclipped = 0;
    try (NDManager m = NDManager.newBaseManager();
        Parameters params = new Parameters(m)) {
      for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("shapes").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        long[] shape = new long[e.getValue().size()];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = e.getValue().get(i).asLong();
        }
        params.put(e.getKey(), floats(ref.get("init").get(e.getKey())), shape);
      }
      params.requireGradients();
      try (AdamW adam = new AdamW(params, settings)) {
        int k = 0;
        for (JsonNode step : ref.get("steps")) {
          k++;
          setGradients(params, step.get("grads"));
          double norm = adam.step(params, lr, maxNorm);
          double want = step.get("grad_norm").asDouble();
          assertThat(norm)
              .as("grad norm at step %d", k)
              .isCloseTo(want, within(1e-6 * Math.max(1, want)));
          if (want > maxNorm) {
            clipped++;
          } else {
            unclipped++;
          }
          for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
            float[] got = e.getValue().toFloatArray();
            JsonNode w = step.get("params").get(e.getKey());
            for (int i = 0; i < got.length; i++) {
              assertThat((double) got[i])
                  .as("%s[%d] after step %d", e.getKey(), i, k)
                  .isCloseTo(w.get(i).asDouble(), within(1e-6));
            }
          }
        }
        assertThat(adam.steps()).isEqualTo(k);
      }
    }
    // the reference must exercise both sides of the norm bound
    assertThat(clipped).isGreaterThan(0);
    assertThat(unclipped).isGreaterThan(0);
  }

  @Test
  void clipScaleIsTorchs() {
    assertThat(AdamW.clipScale(0.5, 1.0)).isEqualTo(1.0);
    assertThat(AdamW.clipScale(4.0, 1.0)).isCloseTo(1.0 / (4.0 + 1e-6), within(1e-15));
    // just under the bound torch already scales, by 1 / (1 + 1e-6)
    assertThat(AdamW.clipScale(1.0, 1.0)).isCloseTo(1.0 / (1.0 + 1e-6), within(1e-15));
  }

  /** Gradients equal to {@code grads}: the gradient of {@code sum(p * G)} is G. */
  private static void setGradients(Parameters params, JsonNode grads) {
    try (NDManager sub = params.manager().newSubManager();
        GradientCollector gc = sub.getEngine().newGradientCollector()) {
      NDArray total = null;
      for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
        NDArray p = e.getValue();
        NDArray g = sub.create(floats(grads.get(e.getKey())), new Shape(p.getShape().getShape()));
        NDArray term = p.mul(g).sum();
        total = total == null ? term : total.add(term);
      }
      gc.backward(total);
    }
  }

  private static float[] floats(JsonNode n) {
    float[] f = new float[n.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) n.get(i).asDouble();
    }
    return f;
  }
}
