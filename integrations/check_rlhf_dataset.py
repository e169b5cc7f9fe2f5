#!/usr/bin/env python3
"""Runs an EasyR1 checkout's own RLHFDataset and collate_fn on a SpatialThinker-J QA split directory.

Checks, for every row of the train and validation splits:
  * the prompt carries the image: the row has multi_modal_data with one image, its input_ids hold
    exactly one <|vision_start|> and as many <|image_pad|> tokens as the processed image has merged
    patches (image_grid_thw), and the pixel values the processor makes from it are not empty;
  * collate_fn stacks the rows into a batch;
  * the ground truth the dataset hands to the reward (the answer column) scores 1.0 with the
    SpatialThinker reward (`spatialthinker reward score`), as a response and as the SFT teacher's.
Also loads the directory with datasets.load_dataset and prints its splits and features.

Nothing is downloaded: the Qwen2-VL processor is built here from a byte-level tokenizer with
Qwen's special tokens and a Qwen2VLImageProcessor with its default configuration. Text is split
into more tokens than Qwen's tokenizer would make, so the prompt-length limit is raised.

usage:
  check_rlhf_dataset.py --engine-path PATH_TO_EASYR1_CHECKOUT --data QA_DIR [--spatialthinker CMD]
Needs: torch, transformers, datasets, pyarrow, pillow (and jinja2, numpy, which they bring).
Exit status 0 when every check passes, 1 otherwise.
"""

import argparse
import inspect
import json
import os
import shlex
import subprocess
import sys
import tempfile
import types

SPECIAL_TOKENS = [
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<|vision_start|>",
    "<|vision_end|>",
    "<|image_pad|>",
    "<|video_pad|>",
]

# A chat template of our own with the Qwen2-VL layout: each image becomes
# <|vision_start|><|image_pad|><|vision_end|>, which the processor expands to the image's tokens.
CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n"
    "{% if m['content'] is string %}{{ m['content'] }}"
    "{% else %}{% for c in m['content'] %}"
    "{% if c['type'] == 'image' %}<|vision_start|><|image_pad|><|vision_end|>"
    "{% elif c['type'] == 'text' %}{{ c['text'] }}{% endif %}"
    "{% endfor %}{% endif %}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def build_processor():
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast, Qwen2VLImageProcessor, Qwen2VLProcessor

    byte_tokens = pre_tokenizers.ByteLevel.alphabet()
    vocab = {t: i for i, t in enumerate(sorted(byte_tokens))}
    core = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    core.decoder = decoders.ByteLevel()
    tok = PreTrainedTokenizerFast(
        tokenizer_object=core,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        additional_special_tokens=SPECIAL_TOKENS,
    )
    tok.add_special_tokens({"additional_special_tokens": SPECIAL_TOKENS})
    tok.chat_template = CHAT_TEMPLATE
    try:
        from transformers import Qwen2VLImageProcessorPil as image_processor_class
    except ImportError:
        image_processor_class = Qwen2VLImageProcessor
    image_processor = image_processor_class()
    kwargs = {"image_processor": image_processor, "tokenizer": tok, "chat_template": CHAT_TEMPLATE}
    params = inspect.signature(Qwen2VLProcessor.__init__).parameters
    if "video_processor" in params:
        try:
            from transformers import Qwen2VLVideoProcessor

            kwargs["video_processor"] = Qwen2VLVideoProcessor()
        except Exception as e:
            # Without torchvision there is no video processor; images do not need one, so let the
            # processor be built without it.
            from transformers.processing_utils import ProcessorMixin

            check = ProcessorMixin.check_argument_for_proper_class

            def lenient(self, name, arg):
                if name == "video_processor" and arg is None:
                    return None
                return check(self, name, arg)

            ProcessorMixin.check_argument_for_proper_class = lenient
            kwargs["video_processor"] = None
            print(f"note: no video processor ({type(e).__name__}: {str(e).strip().splitlines()[0]})")
    return Qwen2VLProcessor(**kwargs), tok


def stub_missing(name, attrs):
    """Registers a stand-in for a module the image path never calls, when it is not installed."""
    try:
        __import__(name)
        return
    except ImportError:
        pass
    parts = name.split(".")
    for i in range(1, len(parts) + 1):
        mod = ".".join(parts[:i])
        if mod not in sys.modules:
            sys.modules[mod] = types.ModuleType(mod)
        if i > 1:
            setattr(sys.modules[".".join(parts[: i - 1])], parts[i - 1], sys.modules[mod])
    for k, v in attrs.items():
        setattr(sys.modules[name], k, v)
    print(f"note: {name} is not installed; a stand-in is used (only video or timing code needs it)")


class _Timer:
    def __init__(self, *a, **k):
        self.last = 0.0

    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False

    def __call__(self, f):
        return f


def _no_video(*a, **k):
    raise RuntimeError("video is not part of this check")


def git_commit(path):
    try:
        return subprocess.run(
            ["git", "-C", path, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except Exception:
        return "unknown (not a git checkout)"


def check_load_dataset(data):
    import datasets

    print(f"== datasets.load_dataset({data!r})  (datasets {datasets.__version__})")
    dd = datasets.load_dataset(data)
    ok = True
    for split, ds in dd.items():
        img = ds[0]["images"]
        first = img[0] if isinstance(img, list) else img
        print(f"  split {split}: {ds.num_rows} rows; images[0] decodes to {type(first).__name__} "
              f"{first.size[0]}x{first.size[1]} {first.mode}")
    print(f"  splits: {sorted(dd.keys())}")
    print(f"  features: {dd['train'].features}")
    if sorted(dd.keys()) != ["train", "validation"]:
        print("FAIL: expected the splits train and validation")
        ok = False
    return ok


def make_dataset(module, data_path, tokenizer, processor, max_prompt_length):
    params = inspect.signature(module.RLHFDataset.__init__).parameters
    kwargs = dict(
        data_path=data_path,
        tokenizer=tokenizer,
        processor=processor,
        prompt_key="problem",
        answer_key="answer_option_text",
        image_key="images",
        max_prompt_length=max_prompt_length,
        truncation="error",
    )
    # Pixel limits as each engine's default configuration sets them.
    if "min_pixels" in params:
        kwargs["min_pixels"] = MIN_PIXELS
        kwargs["max_pixels"] = MAX_PIXELS
    if "shuffle" in params:
        kwargs["shuffle"] = False
    if "filter_overlong_prompts_workers" in params:
        kwargs["filter_overlong_prompts_workers"] = 1
    return module.RLHFDataset(**kwargs)


MIN_PIXELS = 262144
MAX_PIXELS = 4194304


def check_rows(engine, ds, processor, tokenizer, split):
    import torch

    pad = tokenizer.convert_tokens_to_ids("<|image_pad|>")
    start = tokenizer.convert_tokens_to_ids("<|vision_start|>")
    merge = processor.image_processor.merge_size
    bad = []
    rows = []
    tokens = set()
    sizes = set()
    for i in range(len(ds)):
        row = ds[i]
        mm = row.get("multi_modal_data")
        images = (mm or {}).get("images", (mm or {}).get("image"))
        if not images or len(images) != 1:
            bad.append(f"{split} row {i}: multi_modal_data has no single image ({mm!r:.80})")
            continue
        inputs = row.get("multi_modal_inputs")
        if inputs is None or "pixel_values" not in inputs:
            # Upstream keeps the raw images and makes pixel values in the worker: do it as it does.
            seen = [engine.process_image(im, MIN_PIXELS, MAX_PIXELS) for im in images]
            inputs = processor.image_processor(images=seen, return_tensors="pt")
            images = seen
        grid = inputs["image_grid_thw"]
        expected = int(grid.prod(dim=-1).sum().item()) // (merge * merge)
        ids = row["input_ids"][row["attention_mask"].bool()]
        n_pad = int((ids == pad).sum().item())
        n_start = int((ids == start).sum().item())
        if n_start != 1 or n_pad != expected or expected == 0:
            bad.append(f"{split} row {i}: {n_start} vision starts, {n_pad} image tokens, "
                       f"expected 1 and {expected}")
        if inputs["pixel_values"].numel() == 0:
            bad.append(f"{split} row {i}: empty pixel_values")
        tokens.add(n_pad)
        sizes.add(f"{images[0].size[0]}x{images[0].size[1]}")
        rows.append(row)
    return rows, bad, tokens, sizes


def score(rows, tokenizer, spatialthinker, out_dir):
    inp = os.path.join(out_dir, "reward_in.jsonl")
    outp = os.path.join(out_dir, "reward_out.jsonl")
    n = 0
    with open(inp, "w", encoding="utf-8") as f:
        for r in rows:
            gt = r["ground_truth"]
            itself = "<observe>.</observe>\n" + gt.replace("\n<answer>", "\n<think>.</think>\n<answer>")
            # Upstream EasyR1 drops the prompt column; its prompt text is in raw_prompt_ids.
            problem = r["problem"] if "problem" in r else tokenizer.decode(list(r["raw_prompt_ids"]))
            for response in (itself, r["teacher_response"]):
                f.write(json.dumps({"response": response, "ground_truth": gt, "problem": problem}) + "\n")
                n += 1
    cmd = shlex.split(spatialthinker) + ["reward", "score", "--input", inp, "--output", outp]
    subprocess.run(cmd, check=True)
    with open(outp, encoding="utf-8") as f:
        scores = [json.loads(line)["overall"] for line in f]
    return n, scores


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine-path", required=True, help="an EasyR1 checkout (fork or upstream)")
    ap.add_argument("--data", required=True, help="a split directory written by data synth --out DIR")
    ap.add_argument("--spatialthinker", default="./spatialthinker", help="command that runs the CLI")
    ap.add_argument("--max-prompt-length", type=int, default=8192)
    ap.add_argument("--batch", type=int, default=8)
    args = ap.parse_args()

    import torch  # noqa: F401  (fail early when missing)
    import transformers

    stub_missing("codetiming", {"Timer": _Timer})
    stub_missing("qwen_vl_utils.vision_process", {"fetch_video": _no_video})
    sys.path.insert(0, os.path.abspath(args.engine_path))
    from verl.utils import dataset as engine

    fork = "image_key" in inspect.signature(engine.RLHFDataset.__init__).parameters and \
        "mixed_data" in inspect.signature(engine.RLHFDataset.__init__).parameters
    name = "SpatialThinker fork" if fork else "upstream EasyR1"
    val = "val" if fork else "validation"
    print(f"engine: {name} at {args.engine_path}, commit {git_commit(args.engine_path)}")
    print(f"transformers {transformers.__version__}, torch {torch.__version__}")

    ok = check_load_dataset(args.data)
    processor, tokenizer = build_processor()
    all_rows = []
    for split in ("train", val):
        path = f"{args.data}@{split}"
        ds = make_dataset(engine, path, tokenizer, processor, args.max_prompt_length)
        rows, bad, tokens, sizes = check_rows(engine, ds, processor, tokenizer, split)
        batches = 0
        for b in range(0, len(rows), args.batch):
            batch = engine.collate_fn(rows[b : b + args.batch])
            assert batch["input_ids"].shape[0] == len(rows[b : b + args.batch])
            assert len(batch["multi_modal_data"]) == batch["input_ids"].shape[0]
            batches += 1
        print(f"== RLHFDataset({path!r}): {len(ds)} rows, {len(rows) - len(bad)} with their image "
              f"tokens; image tokens per row {sorted(tokens)}; images as processed {sorted(sizes)}; "
              f"collate_fn: {batches} batches, input_ids {tuple(batch['input_ids'].shape)} in the last")
        for line in bad[:10]:
            print("FAIL: " + line)
        ok = ok and not bad and len(rows) == len(ds) and len(ds) > 0
        all_rows.extend(rows)

    with tempfile.TemporaryDirectory() as tmp:
        n, scores = score(all_rows, tokenizer, args.spatialthinker, tmp)
    low = [s for s in scores if s < 1 - 1e-4]
    print(f"== reward: {n} responses (ground truth and teacher response of every row) scored by "
          f"the dense reward: min {min(scores):.6f}, mean {sum(scores) / len(scores):.6f}; "
          f"{len(low)} below 1 - 1e-4")
    ok = ok and not low and len(scores) == n
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
