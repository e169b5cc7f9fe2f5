package spatialthinker.models;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Time to first token and decode speed of a checkpoint directory for one 448 × 448 image and 100
 * text tokens, greedy, no stop token (time to first token: prefill and the first choice; decode:
 * the rate of the following tokens in the same run): {@code java -cp ...
 * spatialthinker.models.QwenBench DIR [NEW_TOKENS] [REPEATS]}. After one untimed warm-up
 * generation, prints one JSON line per repeat, and the process's peak and current resident memory
 * (anonymous and file-backed) from /proc/self/status.
 */
public final class QwenBench {

  private QwenBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int newTokens = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long t0 = System.nanoTime();
    try (NDManager root = NDManager.newBaseManager();
        QwenVlModel model = QwenVlModel.load(dir, root)) {
      double load = (System.nanoTime() - t0) / 1e9;
      QwenConfig c = model.config();
      int[] grid = {1, 32, 32};
      int imageTokens = 32 * 32 / 4;
      Random r = new Random(0);
      List<Integer> ids = new ArrayList<>();
      ids.add(c.visionStartTokenId());
      for (int i = 0; i < imageTokens; i++) {
        ids.add(c.imageTokenId());
      }
      ids.add(c.visionEndTokenId());
      for (int i = 0; i < 100; i++) {
        ids.add(r.nextInt(1000, 100000));
      }
      int[] prompt = ids.stream().mapToInt(Integer::intValue).toArray();
      float[] pixels = new float[1024 * 1176];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) r.nextGaussian();
      }
      System.out.printf("{\"load_s\": %.2f, %s}%n", load, memory());
      // Warm-up: pages the mapped weights in and lets the engine settle; not timed.
      QwenChat.generate(
          model, root, prompt, pixels, List.of(grid), QwenChat.Options.greedy(2), Set.of());
      for (int rep = 0; rep < repeats; rep++) {
        long[] times = new long[newTokens + 1];
        int[] n = {0};
        long a = System.nanoTime();
        int[] out =
            QwenChat.generate(
                model,
                root,
                prompt,
                pixels,
                List.of(grid),
                QwenChat.Options.greedy(newTokens + 1),
                Set.of(),
                tok -> times[n[0]++] = System.nanoTime());
        double ttft = (times[0] - a) / 1e9;
        double decode = (times[n[0] - 1] - times[0]) / 1e9;
        System.out.printf(
            "{\"impl\": \"djl\", \"prompt_tokens\": %d, \"ttft_s\": %.3f, \"decode_tok_s\": %.3f,"
                + " \"new_tokens\": %d, %s}%n",
            prompt.length, ttft, (n[0] - 1) / decode, out.length, memory());
      }
    }
  }

  private static String memory() throws IOException {
    long hwm = 0;
    long anon = 0;
    long file = 0;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      String[] f = line.split("\\s+");
      switch (f[0]) {
        case "VmHWM:" -> hwm = Long.parseLong(f[1]);
        case "RssAnon:" -> anon = Long.parseLong(f[1]);
        case "RssFile:" -> file = Long.parseLong(f[1]);
        default -> {}
      }
    }
    return String.format(
        "\"peak_rss_gib\": %.2f, \"rss_anon_gib\": %.2f, \"rss_file_gib\": %.2f",
        hwm / 1048576.0, anon / 1048576.0, file / 1048576.0);
  }
}
