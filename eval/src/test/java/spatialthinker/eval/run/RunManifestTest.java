package spatialthinker.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import spatialthinker.eval.score.PredictionJson;

class RunManifestTest {

  @Test
  void extraBodySecretsAreRedactedAndOtherFieldsKept() throws Exception {
    var body =
        PredictionJson.JSON.readTree(
            "{\"top_p\": 0.9, \"max_tokens\": 5, \"api_key\": \"sk-1\","
                + " \"extra\": {\"access_token\": \"t\", \"n\": [1, {\"secret\": \"s\"}]}}");
    String out = RunManifest.redacted(body).toString();
    assertThat(out)
        .isEqualTo(
            "{\"top_p\":0.9,\"max_tokens\":5,\"api_key\":\"<redacted>\","
                + "\"extra\":{\"access_token\":\"<redacted>\",\"n\":[1,{\"secret\":\"<redacted>\"}]}}");
  }
}
