package spatialthinker.reward.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import spatialthinker.reward.RewardPresets;

/**
 * The paper's dense reward over real HTTP: an OpenRLHF-shaped request whose queries hold golden
 * records in chat templates gets exactly the golden rewards and components back.
 */
class DenseRewardServiceIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void openRlhfRequestGetsTheDenseRewardOfEachRollout() throws Exception {
    List<JsonNode> golden = golden(120);
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode query = body.putArray("query");
    ArrayNode prompts = body.putArray("prompts");
    ArrayNode labels = body.putArray("labels");
    for (int i = 0; i < golden.size(); i++) {
      JsonNode g = golden.get(i);
      String problem = g.get("problem").asText();
      String response = g.get("response").asText();
      query.add(
          i % 2 == 0
              ? "<|im_start|>user\n"
                  + problem
                  + "<|im_end|>\n<|im_start|>assistant\n"
                  + response
                  + "<|im_end|>"
              : "<|start_header_id|>user<|end_header_id|>\n\n"
                  + problem
                  + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
                  + response
                  + "<|eot_id|>");
      prompts.add(problem);
      labels.add(g.get("ground_truth").asText());
    }
    RewardPresets presets = RewardPresets.exactLabels();
    try (RewardServer server =
        RewardServer.start(
            RewardServerConfig.defaults().withPort(0), presets.create("dense"), presets::create)) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.uri() + "/get_reward"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode answer = MAPPER.readTree(r.body());
      assertThat(answer.get("rewards")).hasSize(golden.size());
      for (int i = 0; i < golden.size(); i++) {
        JsonNode e = golden.get(i).get("expected");
        String at = "rollout " + i;
        assertThat(answer.get("rewards").get(i).asDouble())
            .as(at)
            .isCloseTo(e.get("overall").asDouble(), within(1e-9));
        assertThat(answer.get("scores").get(i).asDouble())
            .isCloseTo(e.get("overall").asDouble(), within(1e-9));
        for (String c : List.of("format", "count", "accuracy", "spatial")) {
          assertThat(answer.get("extra_logs").get(c).get(i).asDouble())
              .as(at + " " + c)
              .isCloseTo(e.get(c).asDouble(), within(1e-9));
        }
      }
    }
  }

  @Test
  void aRecordWithoutImageSizeIsRefusedWithTheReasonOnBothEndpointsAndOnHealth() throws Exception {
    JsonNode g = golden(1).get(0);
    String noSize = "Where is the cup with respect to the table?";
    RewardPresets presets = RewardPresets.exactLabels();
    try (RewardServer server =
        RewardServer.start(
            RewardServerConfig.defaults().withPort(0), presets.create("dense"), presets::create)) {
      ObjectNode records = MAPPER.createObjectNode();
      ObjectNode record = records.putArray("records").addObject();
      record.put("response", g.get("response").asText());
      record.put("ground_truth", g.get("ground_truth").asText());
      record.put("problem", noSize);
      HttpResponse<String> batch = post(server, "/v1/rewards", records);

      assertThat(batch.statusCode()).isEqualTo(400);
      assertThat(MAPPER.readTree(batch.body()).get("error").asText())
          .isEqualTo("records[0]: problem has no 'Image size: (W x H)'");

      ObjectNode openRlhf = MAPPER.createObjectNode();
      String prompt = "<|im_start|>user\n" + noSize + "<|im_end|>\n<|im_start|>assistant\n";
      openRlhf.putArray("query").add(prompt + g.get("response").asText() + "<|im_end|>");
      openRlhf.putArray("prompts").add(prompt);
      openRlhf.putArray("labels").add(g.get("ground_truth").asText());
      HttpResponse<String> remote = post(server, "/get_reward", openRlhf);

      assertThat(remote.statusCode()).isEqualTo(400);
      String reason = "item 0 (query[0], labels[0]): problem has no 'Image size: (W x H)'";
      assertThat(MAPPER.readTree(remote.body()).get("error").asText()).isEqualTo(reason);

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.uri() + "/health")).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode status = MAPPER.readTree(health.body());
      assertThat(status.get("rejected").get("400").asLong()).isEqualTo(2);
      assertThat(status.get("last_rejected").asText()).isEqualTo("400 POST /get_reward: " + reason);
    }
  }

  private static HttpResponse<String> post(RewardServer server, String path, JsonNode body)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.uri() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static List<JsonNode> golden(int n) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                DenseRewardServiceIT.class.getResourceAsStream("/golden/dense.jsonl"),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null && out.size() < n; line = in.readLine()) {
        out.add(MAPPER.readTree(line));
      }
    }
    return out;
  }
}
