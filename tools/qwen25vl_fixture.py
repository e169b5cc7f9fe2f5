"""Builds the tiny Qwen2.5-VL parity fixture for the models module (run by hand, never by CI).

Pinned (Python 3.11, CPU):
    torch==2.13.0+cpu  transformers==5.18.0  tokenizers==0.23.2  safetensors==0.8.0
    pillow==11.3.0  numpy==2.2.6
Install, then run:
    pip install --target /work/pyenv/qwen torch==2.13.0+cpu transformers==5.18.0 \
        safetensors==0.8.0 pillow==11.3.0 numpy==2.2.6
    PYTHONPATH=/work/pyenv/qwen python3 tools/qwen25vl_fixture.py models/src/test/resources/qwen25vl-tiny

Writes into OUT:
    hf/         a Hugging Face checkpoint directory (config.json, model.safetensors, tokenizer.json,
                tokenizer_config.json, preprocessor_config.json, chat_template.jinja,
                generation_config.json) of a randomly initialised tiny Qwen2_5_VLForConditionalGeneration
    image1.png, image2.png   the two test images (different sizes: one is upscaled by min_pixels,
                the other downscaled by max_pixels)
    reference.safetensors    pixel_values / image_grid_thw per image, the 3D position ids, the logits
                of the first and last prompt positions and the vision tower's output, per chat
    reference.json           prompts, input ids, greedy tokens (24 new tokens) per chat
"""

import json
import os
import sys

import numpy as np
import torch
from PIL import Image
from safetensors.torch import save_file
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
from transformers import (
    PreTrainedTokenizerFast,
    Qwen2_5_VLConfig,
    Qwen2_5_VLForConditionalGeneration,
)
from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import Qwen2VLImageProcessorPil

SEED = 1234
NEW_TOKENS = 24
SPECIALS = [
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<|object_ref_start|>",
    "<|object_ref_end|>",
    "<|box_start|>",
    "<|box_end|>",
    "<|quad_start|>",
    "<|quad_end|>",
    "<|vision_start|>",
    "<|vision_end|>",
    "<|vision_pad|>",
    "<|image_pad|>",
    "<|video_pad|>",
]
SPLIT_REGEX = (
    r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|"""
    r"""\s*[\r\n]+|\s+(?!\S)|\s+"""
)
# The chat template of the Qwen2.5-VL instruct checkpoints (image and text parts).
CHAT_TEMPLATE = (
    "{% set image_count = namespace(value=0) %}{% for message in messages %}"
    "{% if loop.first and message['role'] != 'system' %}<|im_start|>system\n"
    "You are a helpful assistant.<|im_end|>\n{% endif %}"
    "<|im_start|>{{ message['role'] }}\n"
    "{% if message['content'] is string %}{{ message['content'] }}<|im_end|>\n"
    "{% else %}{% for content in message['content'] %}"
    "{% if content['type'] == 'image' or 'image' in content or 'image_url' in content %}"
    "{% set image_count.value = image_count.value + 1 %}"
    "{% if add_vision_id %}Picture {{ image_count.value }}: {% endif %}"
    "<|vision_start|><|image_pad|><|vision_end|>"
    "{% elif 'text' in content %}{{ content['text'] }}{% endif %}{% endfor %}<|im_end|>\n"
    "{% endif %}{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
CORPUS = [
    "You are a helpful assistant.",
    "Where is the red mug relative to the laptop? Answer with a letter.",
    "<observe>A table with a red mug, a blue cube and a laptop.</observe>",
    "<scene>{\"objects\": [{\"id\": \"mug.1\", \"bbox\": [400, 230, 472, 320]}], \"relationships\": []}</scene>",
    "<think>The mug is to the right of the laptop, so the answer is B.</think>",
    "<answer>(B) right of</answer>",
    "Image size: (640 x 480). Describe the picture in one sentence.",
    "How many spheres are behind the car? 0 1 2 3 4 5 6 7 8 9",
    "The quick brown fox jumps over the lazy dog. Hello world!\nNew line\ttab",
    "left right above below behind in front of near far bigger smaller closer",
]


def build_tokenizer():
    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(SPLIT_REGEX), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ]
    )
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=420,
        min_frequency=1,
        show_progress=False,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        special_tokens=[],
    )
    tok.train_from_iterator(CORPUS * 4, trainer=trainer)
    tok.add_special_tokens(SPECIALS)
    return tok


def make_images():
    rng = np.random.default_rng(SEED)
    # 40 x 30 (W x H): smart_resize raises it to 84 x 56 (min_pixels); 160 x 120: lowered to 140 x 84
    # (max_pixels). Smooth gradients plus noise so that bicubic clipping and rounding both happen.
    out = []
    for w, h in [(40, 30), (160, 120)]:
        yy, xx = np.mgrid[0:h, 0:w]
        base = np.stack(
            [255 * xx / (w - 1), 255 * yy / (h - 1), 128 + 100 * np.sin(xx / 5.0 + yy / 7.0)], axis=-1
        )
        noise = rng.integers(-60, 61, size=(h, w, 3))
        arr = np.clip(base + noise, 0, 255).astype(np.uint8)
        arr[h // 3 : h // 2, w // 4 : w // 2] = [255, 0, 0]
        arr[0, 0] = [0, 0, 0]
        arr[-1, -1] = [255, 255, 255]
        out.append(Image.fromarray(arr, "RGB"))
    return out


def randomise(model):
    """Seeded weights with spread so that logits and greedy choices are far from ties."""
    g = torch.Generator().manual_seed(SEED)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters()):
            if name.endswith("norm1.weight") or name.endswith("norm2.weight") or "layernorm" in name \
                    or name.endswith("norm.weight") or name.endswith("ln_q.weight"):
                p.copy_(1.0 + 0.2 * torch.randn(p.shape, generator=g))
            elif name.endswith(".bias"):
                p.copy_(0.2 * torch.randn(p.shape, generator=g))
            elif "embed_tokens" in name:
                p.copy_(torch.randn(p.shape, generator=g))
            else:
                fan_in = int(np.prod(p.shape[1:]))
                p.copy_(torch.randn(p.shape, generator=g) * (1.5 / np.sqrt(fan_in)))


def encode(fast, image_processor, prompt, images, ids):
    """What Qwen2_5_VLProcessor does for images: each <|image_pad|> becomes t*h*w/merge^2 copies."""
    inputs = {}
    if images:
        pix = image_processor(images=images, return_tensors="pt")
        inputs["pixel_values"] = pix["pixel_values"]
        inputs["image_grid_thw"] = pix["image_grid_thw"]
        parts = prompt.split("<|image_pad|>")
        assert len(parts) == len(images) + 1
        expanded = parts[0]
        for i, grid in enumerate(pix["image_grid_thw"]):
            expanded += "<|image_pad|>" * int(grid.prod() // 4) + parts[i + 1]
        prompt = expanded
    enc = fast(prompt, return_tensors="pt", add_special_tokens=False)
    inputs["input_ids"] = enc["input_ids"]
    inputs["attention_mask"] = enc["attention_mask"]
    inputs["mm_token_type_ids"] = (enc["input_ids"] == ids["<|image_pad|>"]).int()
    return inputs


def main(out):
    torch.manual_seed(SEED)
    hf = os.path.join(out, "hf")
    os.makedirs(hf, exist_ok=True)

    tok = build_tokenizer()
    tok_path = os.path.join(hf, "tokenizer.json")
    tok.save(tok_path)
    ids = {s: tok.token_to_id(s) for s in SPECIALS}
    vocab_size = tok.get_vocab_size()

    fast = PreTrainedTokenizerFast(
        tokenizer_file=tok_path,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        additional_special_tokens=SPECIALS[1:],
    )
    fast.model_max_length = 4096
    fast.save_pretrained(hf)
    # save_pretrained may rewrite tokenizer.json; keep the trained one.
    tok.save(tok_path)

    image_processor = Qwen2VLImageProcessorPil(
        min_pixels=56 * 56, max_pixels=28 * 28 * 20, patch_size=14, temporal_patch_size=2, merge_size=2
    )
    image_processor.save_pretrained(hf)
    fast.chat_template = CHAT_TEMPLATE
    fast.save_pretrained(hf)
    tok.save(tok_path)
    with open(os.path.join(hf, "chat_template.jinja"), "w") as f:
        f.write(CHAT_TEMPLATE)

    config = Qwen2_5_VLConfig(
        vision_config=dict(
            depth=4,
            hidden_size=32,
            hidden_act="silu",
            intermediate_size=48,
            num_heads=2,
            in_channels=3,
            patch_size=14,
            spatial_merge_size=2,
            temporal_patch_size=2,
            tokens_per_second=2,
            window_size=56,
            out_hidden_size=64,
            fullatt_block_indexes=[1, 3],
        ),
        text_config=dict(
            vocab_size=vocab_size,
            hidden_size=64,
            intermediate_size=96,
            num_hidden_layers=3,
            num_attention_heads=4,
            num_key_value_heads=2,
            hidden_act="silu",
            max_position_embeddings=4096,
            rms_norm_eps=1e-6,
            rope_scaling={"type": "mrope", "mrope_section": [2, 3, 3]},
            rope_theta=10000.0,
            bos_token_id=ids["<|endoftext|>"],
            eos_token_id=ids["<|im_end|>"],
            pad_token_id=ids["<|endoftext|>"],
        ),
        image_token_id=ids["<|image_pad|>"],
        video_token_id=ids["<|video_pad|>"],
        vision_start_token_id=ids["<|vision_start|>"],
        vision_end_token_id=ids["<|vision_end|>"],
        tie_word_embeddings=False,
    )
    config._attn_implementation = "eager"
    model = Qwen2_5_VLForConditionalGeneration(config).eval()
    randomise(model)
    model.generation_config.eos_token_id = [ids["<|im_end|>"], ids["<|endoftext|>"]]
    model.generation_config.pad_token_id = ids["<|endoftext|>"]
    model.generation_config.do_sample = False
    model.save_pretrained(hf)

    images = make_images()
    for i, im in enumerate(images):
        im.save(os.path.join(out, f"image{i + 1}.png"))

    tensors = {}
    for i, im in enumerate(images):
        single = image_processor(images=[im], return_tensors="pt")
        tensors[f"image{i + 1}.pixel_values"] = single["pixel_values"].float().contiguous()
        tensors[f"image{i + 1}.image_grid_thw"] = single["image_grid_thw"].long().contiguous()

    chats = {
        "image": [
            {
                "role": "user",
                "content": [
                    {"type": "image"},
                    {"type": "text", "text": "Where is the red mug relative to the laptop?"},
                    {"type": "image"},
                    {"type": "text", "text": "Image size: (640 x 480). Answer with a letter."},
                ],
            }
        ],
        "text": [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "How many spheres are behind the car? Answer with a letter."},
        ],
    }
    reference = {"versions": {"torch": torch.__version__, "transformers": __import__("transformers").__version__},
                 "special_ids": ids, "chats": {}}
    for name, messages in chats.items():
        prompt = fast.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        inputs = encode(fast, image_processor, prompt, images if name == "image" else [], ids)
        with torch.no_grad():
            if name == "image":
                pos, deltas = model.model.get_rope_index(
                    inputs["input_ids"],
                    mm_token_type_ids=inputs["mm_token_type_ids"],
                    image_grid_thw=inputs["image_grid_thw"],
                    attention_mask=inputs["attention_mask"],
                )
                feats = model.model.get_image_features(inputs["pixel_values"], inputs["image_grid_thw"])
                tensors[f"{name}.image_embeds"] = torch.cat(feats.pooler_output, 0).float().contiguous()
                tensors[f"{name}.pixel_values"] = inputs["pixel_values"].float().contiguous()
                tensors[f"{name}.image_grid_thw"] = inputs["image_grid_thw"].long().contiguous()
            else:
                n = inputs["input_ids"].shape[1]
                pos = torch.arange(n).view(1, 1, -1).expand(3, 1, -1)
                deltas = torch.zeros(1, 1, dtype=torch.long)
            model.model.rope_deltas = None
            out_fw = model(**inputs)
            logits = out_fw.logits[0]
            model.model.rope_deltas = None
            gen = model.generate(**inputs, max_new_tokens=NEW_TOKENS, do_sample=False,
                                 output_scores=True, return_dict_in_generate=True)
        new = gen.sequences[0, inputs["input_ids"].shape[1]:].tolist()
        margins = []
        for s in gen.scores:
            top = torch.topk(s[0], 2).values
            margins.append(float(top[0] - top[1]))
        tensors[f"{name}.position_ids"] = pos[:, 0, :].long().contiguous()
        tensors[f"{name}.rope_delta"] = deltas.reshape(1).long().contiguous()
        tensors[f"{name}.logits_first"] = logits[0].float().contiguous()
        tensors[f"{name}.logits_last"] = logits[-1].float().contiguous()
        reference["chats"][name] = {
            "messages": messages,
            "prompt": prompt,
            "input_ids": inputs["input_ids"][0].tolist(),
            "greedy_tokens": new,
            "greedy_text": fast.decode(new, skip_special_tokens=False),
            "min_greedy_margin": min(margins),
        }
        print(name, "prompt tokens", inputs["input_ids"].shape[1], "new", len(new), "min margin", min(margins))
    save_file(tensors, os.path.join(out, "reference.safetensors"))
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "models/src/test/resources/qwen25vl-tiny")
