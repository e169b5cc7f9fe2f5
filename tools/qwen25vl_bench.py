"""Side-by-side speed of transformers for the models module's QwenBench (run by hand, never by CI).

Same pins as tools/qwen25vl_fixture.py. Builds a randomly initialised Qwen2.5-VL with the
published 3B widths (vision 1280 wide, 16 heads, window 112; decoder 2048 wide, 16 heads, 2 KV
heads, MLP 11008, vocabulary 151936, tied embeddings) and LAYERS decoder / VISION_DEPTH vision
layers, saves it to OUT (config.json + model.safetensors, float32), then times transformers on one
448 x 448 image (256 image tokens) + 100 text tokens, greedy:
    OMP_NUM_THREADS=2 PYTHONPATH=/work/pyenv/qwen python3 tools/qwen25vl_bench.py OUT [LAYERS] [VISION_DEPTH] [NEW] [REPEATS]
and the Java side on the same directory:
    OMP_NUM_THREADS=2 java -cp "$(cat models/target/classpath.txt):models/target/classes" \
        spatialthinker.models.QwenBench OUT [NEW] [REPEATS]
"""

import json
import os
import resource
import sys
import time

import torch
from transformers import Qwen2_5_VLConfig, Qwen2_5_VLForConditionalGeneration
from transformers.generation.streamers import BaseStreamer


class Clock(BaseStreamer):
    """Records when each new token is produced (the first put() call carries the prompt)."""

    def __init__(self):
        self.times = []
        self.prompt_seen = False

    def put(self, value):
        if not self.prompt_seen:
            self.prompt_seen = True
            return
        self.times.append(time.perf_counter())

    def end(self):
        pass


def main(out, layers=4, depth=8, new=32, repeats=2):
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    torch.manual_seed(0)
    full = [i for i in range(depth) if i % 8 == 7] or [depth - 1]
    config = Qwen2_5_VLConfig(
        vision_config=dict(depth=depth, hidden_size=1280, hidden_act="silu", intermediate_size=3420,
                           num_heads=16, in_channels=3, patch_size=14, spatial_merge_size=2,
                           temporal_patch_size=2, tokens_per_second=2, window_size=112,
                           out_hidden_size=2048, fullatt_block_indexes=full),
        text_config=dict(vocab_size=151936, hidden_size=2048, intermediate_size=11008,
                         num_hidden_layers=layers, num_attention_heads=16, num_key_value_heads=2,
                         hidden_act="silu", max_position_embeddings=128000, rms_norm_eps=1e-6,
                         rope_scaling={"type": "mrope", "mrope_section": [16, 24, 24]},
                         rope_theta=1000000.0, tie_word_embeddings=True),
        tie_word_embeddings=True,
    )
    config._attn_implementation = "sdpa"
    model = Qwen2_5_VLForConditionalGeneration(config).eval()
    if not os.path.exists(os.path.join(out, "config.json")):
        model.save_pretrained(out)
    weights = sum(p.numel() for p in model.parameters()) * 4 / 2**30
    g = torch.Generator().manual_seed(0)
    ids = [config.vision_start_token_id] + [config.image_token_id] * 256 + [config.vision_end_token_id]
    ids += torch.randint(1000, 100000, (100,), generator=g).tolist()
    input_ids = torch.tensor([ids])
    inputs = dict(
        input_ids=input_ids,
        attention_mask=torch.ones_like(input_ids),
        mm_token_type_ids=(input_ids == config.image_token_id).int(),
        pixel_values=torch.randn(1024, 1176, generator=g),
        image_grid_thw=torch.tensor([[1, 32, 32]]),
    )
    print(json.dumps({"weights_gib": round(weights, 2)}))
    with torch.no_grad():
        # Warm-up, not timed (as QwenBench does).
        model.generate(**inputs, max_new_tokens=2, min_new_tokens=2, do_sample=False, eos_token_id=None)
        for _ in range(repeats):
            clock = Clock()
            a = time.perf_counter()
            o = model.generate(**inputs, max_new_tokens=new + 1, min_new_tokens=new + 1, do_sample=False,
                               eos_token_id=None, streamer=clock)
            t = clock.times
            print(json.dumps({"impl": "transformers", "prompt_tokens": len(ids), "ttft_s": round(t[0] - a, 3),
                              "decode_tok_s": round((len(t) - 1) / (t[-1] - t[0]), 3),
                              "new_tokens": o.shape[1] - len(ids),
                              "peak_rss_gib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2)}))


if __name__ == "__main__":
    a = sys.argv[1:]
    main(a[0], *(int(x) for x in a[1:]))
