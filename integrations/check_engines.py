"""Runs each RL engine's own reward-loading and calling code against the reward service.

    python3 integrations/check_engines.py --easyr1 ~/src/EasyR1 --fork ~/src/SpatialThinker \\
        --verl ~/src/verl --openrlhf ~/src/OpenRLHF --trl ~/src/trl [--url http://127.0.0.1:8000]

Each option names a checkout of that engine (each optional). Without ``--url`` the script starts
``./spatialthinker reward serve --port <free port>`` from this repository and stops it at the end.
It writes a small data set with ``spatialthinker scenes render`` and ``data synth`` (256 x 256
scenes), so that every recipe runs on this project's own data, and then, per recipe, imports the
engine's modules from the checkout, loads our adapter the way the engine loads a reward, calls it
the way the engine calls it, and compares the rewards with the service's ``POST /v1/rewards`` on
the same records. Heavy or unavailable imports (ray, vllm, tensordict, spacy's model, ...) are
replaced by stand-ins, listed in the output. Each recipe runs in its own Python process, since
EasyR1, the fork and veRL all name their package ``verl``.

Needs torch, transformers, datasets and pillow (and, for TRL, accelerate); nothing is downloaded:
the tokenizer and the model are built locally from a configuration. Prints one line
``PASS|FAIL <recipe>: <reason>`` per recipe and exits 1 if any failed.
"""

import argparse
import asyncio
import contextlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import io
import json
import logging
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import types
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
NO_SIZE = "no 'Image size: (W x H)'"

RECIPES = {
    "easyr1": [
        ("easyr1-packed", "EasyR1 reward_function=ABS/easyr1/spatialthinker_reward.py:compute_score, answer_key=reward_target"),
        ("easyr1-image-size", "EasyR1 same, answer_key=answer_option_text, reward_function_kwargs.image_size=256x256"),
        ("easyr1-rejected", "EasyR1 a 400 (no image size) raises with the service's reason"),
        ("easyr1-prompt", "EasyR1 format_prompt spatialthinker.jinja and pixel limits keep the stated 256x256"),
    ],
    "fork": [
        ("fork-spatial-sgg", "fork score_function=spatial_sgg on our problem/answer_option_text columns"),
        ("fork-image", "fork data.format_prompt='<image>' makes its loader pass our image"),
    ],
    "verl": [
        ("verl-loop", "veRL use_reward_loop=true, reward_manager=naive, custom_reward_function.name=compute_score"),
        ("verl-legacy-naive", "veRL use_reward_loop=false, reward_manager=naive, compute_score"),
        ("verl-legacy-batch", "veRL use_reward_loop=false, reward_manager=batch, compute_score_batch"),
        ("verl-rejected", "veRL a 400 (no image size) raises with the service's reason"),
    ],
    "openrlhf": [
        ("openrlhf-http", "OpenRLHF --reward.remote_url http://HOST:PORT/get_reward"),
        ("openrlhf-http-rejected", "OpenRLHF remote_url, a 400: reason in GET /health and the service log"),
        ("openrlhf-func", "OpenRLHF --reward.remote_url ABS/openrlhf/spatialthinker_reward.py"),
        ("openrlhf-func-rejected", "OpenRLHF reward file, a 400: reason in OpenRLHF's own log line"),
    ],
    "trl": [
        ("trl-grpo", "TRL GRPOTrainer, 2 steps, tiny random Qwen2ForCausalLM, components via log_metric"),
        ("trl-rejected", "TRL a 400 (no image size) raises with the service's reason"),
    ],
}


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


# ------------------------------------------------------------------------------------------------
# service and data


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url, timeout=10):
    with OPENER.open(url, timeout=timeout) as response:
        return json.load(response)


def post_json(url, body, timeout=60):
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with OPENER.open(request, timeout=timeout) as response:
        return json.load(response)


def start_service(log_path):
    port = free_port()
    log = open(log_path, "w")
    process = subprocess.Popen(
        [os.path.join(ROOT, "spatialthinker"), "reward", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 300
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"reward serve exited with {process.returncode}; see {log_path}")
        try:
            get_json(url + "/health", timeout=2)
            return process, url
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"reward serve did not answer on {url} within 300 s; see {log_path}")


def make_data(work):
    """Renders 3 scenes of 256 x 256 and writes 8 QA rows; returns the rows of qa.jsonl."""
    cli = os.path.join(ROOT, "spatialthinker")
    scenes = os.path.join(work, "scenes")
    subprocess.run(
        [cli, "scenes", "render", "--count", "3", "--seed", "7", "--size", "256", "--out", scenes],
        check=True, stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [cli, "data", "synth", "--scenes", scenes, "--out", os.path.join(work, "qa.parquet"),
         "--target", "8", "--seed", "7"],
        check=True, stdout=subprocess.DEVNULL,
    )
    with open(os.path.join(work, "qa.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def responses_for(row):
    """Four responses per row: the teacher's, boxes moved 9 px, a wrong option, no tags."""
    teacher = row["teacher_response"]
    scene_start = teacher.index("<scene>") + len("<scene>")
    scene_end = teacher.index("</scene>")
    scene = json.loads(teacher[scene_start:scene_end])
    for obj in scene.get("objects", []):
        obj["bbox"] = [v + 9 for v in obj["bbox"]]
    moved = teacher[:scene_start] + json.dumps(scene) + teacher[scene_end:]
    right = row["answer_option_text_only"]
    letter = "(A)" if not right.startswith("(A)") else "(B)"
    wrong_text = [o for o in row["options"] if not right.endswith(o)][0]
    wrong = teacher.replace(f"<answer>{right}</answer>", f"<answer>{letter} {wrong_text}</answer>")
    return [teacher, moved, wrong, right]


def cases(rows):
    """(response, ground truth, problem) triples over the first rows."""
    out = []
    for row in rows[:3]:
        for response in responses_for(row):
            out.append((response, row["answer_option_text"], row["problem"]))
    return out


def service_scores(url, triples):
    body = {"records": [{"response": r, "ground_truth": g, "problem": p} for r, g, p in triples]}
    return post_json(url + "/v1/rewards", body)["scores"]


def close(a, b, tol=1e-6):
    return len(a) == len(b) and all(abs(float(x) - float(y)) <= tol for x, y in zip(a, b))


def fmt(values):
    return "[" + ", ".join(f"{float(v):.4f}" for v in values) + "]"


# ------------------------------------------------------------------------------------------------
# stand-ins for heavy imports

STANDINS = []


class _Anything:
    """Absorbs any use: attribute, call, index, decorator, base class."""

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and (callable(args[0]) or isinstance(args[0], type)):
            return args[0]
        return _Anything()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Anything()

    def __getitem__(self, item):
        return _Anything()

    def __iter__(self):
        return iter(())

    def __bool__(self):
        return False

    def __mro_entries__(self, bases):
        return (object,)


class _PermissiveModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        value = _Anything()
        setattr(self, name, value)
        return value


class _StandinFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self):
        self.prefixes = {}

    def find_spec(self, fullname, path, target=None):
        top = fullname.split(".")[0]
        if top in self.prefixes:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = _PermissiveModule(spec.name)
        module.__path__ = []
        for key, value in self.prefixes[spec.name.split(".")[0]].get(spec.name, {}).items():
            setattr(module, key, value)
        return module

    def exec_module(self, module):
        pass


_FINDER = _StandinFinder()
sys.meta_path.insert(0, _FINDER)


def standin(top, why, attributes=None):
    """Registers a stand-in package `top` (and any of its submodules)."""
    if top in _FINDER.prefixes:
        return
    _FINDER.prefixes[top] = attributes or {}
    STANDINS.append(f"{top} ({why})")


def _remote(*args, **kwargs):
    if len(args) == 1 and not kwargs and (callable(args[0]) or isinstance(args[0], type)):
        return args[0]
    return lambda obj: obj


def standin_ray():
    standin("ray", "cluster runtime; actors run in-process", {"ray": {
        "remote": _remote, "get": lambda x, *a, **k: x, "put": lambda x, *a, **k: x,
        "is_initialized": lambda: False, "init": lambda *a, **k: None,
    }})


class TensorDict(dict):
    """A dict of tensors with a batch size, indexed by row like tensordict's TensorDict."""

    def __init__(self, source=None, batch_size=None, device=None, **kwargs):
        super().__init__(source or {})
        if batch_size is None:
            batch_size = [len(next(iter(self.values())))] if self else []
        import torch

        self.batch_size = torch.Size(batch_size if not isinstance(batch_size, int) else [batch_size])

    def __getitem__(self, key):
        if isinstance(key, str):
            return dict.__getitem__(self, key)
        rows = {k: v[key] for k, v in self.items()}
        if isinstance(key, int):
            return TensorDict(rows, batch_size=[])
        n = len(next(iter(rows.values()))) if rows else 0
        return TensorDict(rows, batch_size=[n])

    def to(self, *args, **kwargs):
        return self

    def contiguous(self):
        return self

    def select(self, *keys, **kwargs):
        return TensorDict({k: self[k] for k in keys}, batch_size=self.batch_size)


def standin_tensordict():
    standin("tensordict", "not installable here; a dict of tensors indexed by row", {"tensordict": {
        "TensorDict": TensorDict, "__version__": "0.10.0",
    }})


class DictConfig(dict):
    """omegaconf's DictConfig for reading: attribute access and .get."""

    def __getattr__(self, name):
        try:
            value = self[name]
        except KeyError:
            raise AttributeError(name) from None
        return value

    @staticmethod
    def wrap(value):
        if isinstance(value, dict):
            return DictConfig({k: DictConfig.wrap(v) for k, v in value.items()})
        return value


def standin_omegaconf():
    standin("omegaconf", "its antlr4 dependency is not installable here; a dict with attributes", {
        "omegaconf": {"DictConfig": DictConfig, "ListConfig": list,
                      "OmegaConf": types.SimpleNamespace(create=DictConfig.wrap, to_container=lambda c, **k: c)}})


class _Doc:
    def __init__(self, text):
        self.text = text

    def similarity(self, other):
        return 1.0 if self.text == other.text else 0.0


def standin_spacy():
    standin("spacy", "en_core_web_md cannot be downloaded here; exact-label similarity (1 or 0)", {
        "spacy": {"load": lambda *a, **k: (lambda text: _Doc(text))}})


# ------------------------------------------------------------------------------------------------
# tiny tokenizer, built locally

CHAT_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}{% if part['type'] == 'text' %}{{ part['text'] }}"
    "{% else %}<|vision_start|><|image_pad|><|vision_end|>{% endif %}{% endfor %}{% endif %}"
    "<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def tiny_tokenizer():
    """Byte-level tokenizer (256 byte tokens + ChatML specials): decodes any text exactly."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    alphabet = pre_tokenizers.ByteLevel.alphabet()
    vocab = {ch: i for i, ch in enumerate(sorted(alphabet))}
    tok = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    tok.decoder = decoders.ByteLevel()
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        additional_special_tokens=["<|im_start|>", "<|vision_start|>", "<|image_pad|>", "<|vision_end|>"],
    )
    fast.chat_template = CHAT_TEMPLATE
    return fast


def load_file(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def engine_path(directory, package):
    sys.path.insert(0, directory)
    for name in list(sys.modules):
        if name == package or name.startswith(package + "."):
            del sys.modules[name]


def imported_from(module, directory):
    path = os.path.realpath(module.__file__)
    expect(path.startswith(os.path.realpath(directory)), f"{module.__name__} came from {path}, not {directory}")


# ------------------------------------------------------------------------------------------------
# EasyR1 (hiyouga/EasyR1)


def easyr1_batch(tokenizer, triples, prompt_len=4):
    """A batch as EasyR1's rollout leaves it: responses, response_mask, ground truths."""
    import numpy as np
    import torch

    from verl.protocol import DataProto

    encoded = [tokenizer.encode(r, add_special_tokens=False) for r, _, _ in triples]
    width = max(len(e) for e in encoded) + 3
    pad = tokenizer.pad_token_id
    responses = torch.full((len(encoded), width), pad, dtype=torch.long)
    mask = torch.zeros((len(encoded), width), dtype=torch.long)
    for i, e in enumerate(encoded):
        responses[i, : len(e)] = torch.tensor(e)
        mask[i, : len(e)] = 1
    return DataProto.from_dict(
        tensors={"responses": responses, "response_mask": mask},
        non_tensors={"ground_truth": np.array([g for _, g, _ in triples], dtype=object)},
    ), [len(e) for e in encoded]


def run_easyr1(recipe, directory, url, rows, work):
    standin_ray()
    standin_tensordict()
    standin("codetiming", "timer used only for logging")
    standin("qwen_vl_utils", "video decoding, unused by image data")
    engine_path(directory, "verl")
    os.environ["SPATIALTHINKER_REWARD_URL"] = url
    import verl
    from verl.workers.reward import AutoRewardManager, RewardConfig

    imported_from(verl, directory)
    tokenizer = tiny_tokenizer()
    adapter = os.path.join(HERE, "easyr1", "spatialthinker_reward.py")
    triples = cases(rows)
    want = [s["overall"] for s in service_scores(url, triples)]

    if recipe == "easyr1-prompt":
        from verl.utils.dataset import RLHFDataset, process_image
        from PIL import Image

        prepared = os.path.join(work, "easyr1")
        subprocess.run([sys.executable, os.path.join(HERE, "easyr1", "prepare_data.py"),
                        os.path.join(work, "qa.parquet"), prepared], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dataset = RLHFDataset(
            data_path=os.path.join(prepared, "train-00000-of-00001.parquet"), tokenizer=tokenizer,
            processor=None, prompt_key="problem", answer_key="reward_target", image_key="images",
            format_prompt=os.path.join(HERE, "easyr1", "spatialthinker.jinja"),
            min_pixels=65536, max_pixels=4194304, filter_overlong_prompts=False,
        )
        example = dataset.dataset[0]
        messages = dataset._build_messages(example)
        content = messages[0]["content"]
        kinds = [part["type"] for part in content]
        text = "".join(part.get("text", "") for part in content)
        expect(kinds == ["image", "text"], f"messages parts {kinds}, want one image then the text")
        expect(text == example["problem"].strip(), "the prompt is not the problem unchanged")
        expect("boxed" not in text, "the prompt asks for \\boxed{}")
        image = Image.open(os.path.join(work, rows[0]["images"]))
        kept = process_image(image, 65536, 4194304)
        default = process_image(image, 262144, 4194304)
        expect(kept.size == (256, 256), f"min_pixels=65536 gives {kept.size}")
        try:  # transformers 5 keeps a PIL-only copy; older releases have one module
            from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import smart_resize
        except ImportError:
            from transformers.models.qwen2_vl.image_processing_qwen2_vl import smart_resize

        # Qwen2.5-VL's own preprocessor limits (56 * 56 to 12,845,056 pixels), factor 28 (14 px patches,
        # 2 x 2 merge): the size its vision tower sees after EasyR1's process_image.
        seen = smart_resize(256, 256, factor=28, min_pixels=3136, max_pixels=12845056)
        seen_280 = smart_resize(280, 280, factor=28, min_pixels=3136, max_pixels=12845056)
        expect(seen_280 == (280, 280), f"Qwen2.5-VL resizes 280x280 to {seen_280}")
        return (f"messages [image, text], text == problem (no \\boxed); process_image: 256x256 stays "
                f"{kept.size[0]}x{kept.size[1]} with min_pixels=65536, becomes {default.size[0]}x{default.size[1]} "
                f"with examples/config.yaml's 262144; Qwen2.5-VL's processor then sees 256x256 as "
                f"{seen[1]}x{seen[0]} (sides rounded to multiples of 28), 280x280 as {seen_280[1]}x{seen_280[0]}")

    if recipe == "easyr1-rejected":
        config = RewardConfig(reward_function=adapter + ":compute_score")
        config.post_init()
        manager = AutoRewardManager(config, tokenizer)
        data, _ = easyr1_batch(tokenizer, triples[:2])
        try:
            manager.compute_reward(data)
        except Exception as e:  # the adapter's SpatialThinkerRewardError
            expect(NO_SIZE in str(e), f"exception without the service's reason: {e}")
            return f"{type(e).__name__}: {str(e)[:150]}..."
        raise CheckFailed("no exception for records without an image size")

    if recipe == "easyr1-packed":
        packed = [(r, json.dumps({"ground_truth": g, "problem": p}), p) for r, g, p in triples]
        config = RewardConfig(reward_function=adapter + ":compute_score")
    else:
        packed = triples
        config = RewardConfig(reward_function=adapter + ":compute_score",
                              reward_function_kwargs={"image_size": "256x256"})
    config.post_init()
    expect(config.reward_function == adapter and config.reward_function_name == "compute_score",
           f"EasyR1 resolved the reward to {config.reward_function}:{config.reward_function_name}")
    manager = AutoRewardManager(config, tokenizer)
    expect(manager.reward_type == "batch", f"reward type {manager.reward_type}")
    data, lengths = easyr1_batch(tokenizer, packed)
    reward_tensor, metrics = manager.compute_reward(data)
    got = [float(reward_tensor[i, n - 1]) for i, n in enumerate(lengths)]
    expect(close(got, want), f"rewards {fmt(got)} differ from /v1/rewards {fmt(want)}")
    expect(sorted(metrics) == ["accuracy", "count", "format", "overall", "spatial"], f"metrics {sorted(metrics)}")
    return f"{len(got)} rewards on the last response token equal /v1/rewards {fmt(got[:4])}...; metrics {sorted(metrics)}"


# ------------------------------------------------------------------------------------------------
# the authors' fork (hunarbatra/SpatialThinker)


def run_fork(recipe, directory, url, rows, work):
    standin_ray()
    standin_tensordict()
    standin_spacy()
    standin("mathruler", "math grading for the fork's other score functions")
    engine_path(directory, "verl")
    import verl

    imported_from(verl, directory)
    tokenizer = tiny_tokenizer()
    if recipe == "fork-image":
        from verl.utils.dataset import RLHFDataset

        prepared = os.path.join(work, "easyr1")
        subprocess.run([sys.executable, os.path.join(HERE, "easyr1", "prepare_data.py"),
                        os.path.join(work, "qa.parquet"), prepared], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        class Reached(Exception):
            pass

        class RecordingProcessor:
            """Stands in for Qwen2.5-VL's processor: records the messages, then stops."""

            seen = None

            def apply_chat_template(self, messages, **kwargs):
                RecordingProcessor.seen = messages
                raise Reached()

        def image_parts(format_prompt):
            dataset = RLHFDataset(data_path=prepared + "@train", tokenizer=tokenizer,
                                  processor=RecordingProcessor(), prompt_key="problem",
                                  answer_key="answer_option_text", image_key="images",
                                  format_prompt=format_prompt, max_prompt_length=100000,
                                  shuffle=False)
            RecordingProcessor.seen = None
            try:
                row = dataset[0]
            except Reached:
                return [p["type"] for p in RecordingProcessor.seen[0]["content"]], None
            return [], row

        STANDINS.append("Qwen2.5-VL processor (records the chat messages)")
        without, row = image_parts(None)
        expect(row is not None and without == [] and "multi_modal_data" not in row,
               "without a format prompt the fork was expected to drop the image")
        with_image, _ = image_parts("<image>")
        expect(with_image == ["image", "text"], f"with format_prompt='<image>' parts {with_image}")
        return ("DIR@train loads train-00000-of-00001.parquet; without data.format_prompt the row is "
                "text-only (our problem has no <image>); with data.format_prompt='<image>' the "
                "message is [image, text]")

    from verl.workers.reward import CustomRewardManager, RewardConfig
    from verl.protocol import DataProto
    import numpy as np
    import torch

    triples = cases(rows)
    want = service_scores(url, triples)
    manager = CustomRewardManager(tokenizer, RewardConfig(score_function="spatial_sgg"))
    encoded = [tokenizer.encode(r, add_special_tokens=False) for r, _, _ in triples]
    width = max(len(e) for e in encoded) + 3
    responses = torch.full((len(encoded), width), tokenizer.pad_token_id, dtype=torch.long)
    mask = torch.zeros((len(encoded), width), dtype=torch.long)
    for i, e in enumerate(encoded):
        responses[i, : len(e)] = torch.tensor(e)
        mask[i, : len(e)] = 1
    data = DataProto.from_dict(
        tensors={"responses": responses, "response_mask": mask},
        non_tensors={"ground_truth": np.array([g for _, g, _ in triples], dtype=object),
                     "problem": np.array([p for _, _, p in triples], dtype=object)},
    )
    reward_tensor, metrics = manager(data)
    got = [float(reward_tensor[i, len(e) - 1]) for i, e in enumerate(encoded)]
    overall = [s["overall"] for s in want]
    expect(close(got, overall, 1e-6), f"spatial_sgg {fmt(got)} differs from the service {fmt(overall)}")
    for key, ours in (("format", "format"), ("count", "count"), ("accuracy", "accuracy"), ("spatial_score", "spatial")):
        expect(close(metrics[key], [s[ours] for s in want], 1e-6), f"{key} {fmt(metrics[key])} differs")
    expect(max(got) > 0.99 and min(got) < 0.6, f"scores do not spread: {fmt(got)}")
    return (f"spatial_sgg on {len(got)} responses to our rows = the service's dense reward to 1e-6 "
            f"{fmt(got[:4])}...; format/count/accuracy/spatial_score too")


# ------------------------------------------------------------------------------------------------
# veRL (volcengine/verl)


def verl_batch(tokenizer, triples, extra):
    import numpy as np
    import torch

    from verl import DataProto

    prompts = [tokenizer.encode(p[-40:], add_special_tokens=False) for _, _, p in triples]
    answers = [tokenizer.encode(r, add_special_tokens=False) for r, _, _ in triples]
    plen = max(len(p) for p in prompts)
    rlen = max(len(a) for a in answers) + 2
    pad = tokenizer.pad_token_id
    n = len(triples)
    prompt_ids = torch.full((n, plen), pad, dtype=torch.long)
    response_ids = torch.full((n, rlen), pad, dtype=torch.long)
    attention = torch.zeros((n, plen + rlen), dtype=torch.long)
    for i, (p, a) in enumerate(zip(prompts, answers)):
        prompt_ids[i, plen - len(p):] = torch.tensor(p)  # left-padded prompt
        response_ids[i, : len(a)] = torch.tensor(a)
        attention[i, plen - len(p): plen] = 1
        attention[i, plen: plen + len(a)] = 1
    non_tensors = {
        "data_source": np.array(["spatialthinker"] * n, dtype=object),
        "reward_model": np.array([{"style": "rule", "ground_truth": g} for _, g, _ in triples], dtype=object),
        "extra_info": np.array([extra(p, i) for i, (_, _, p) in enumerate(triples)], dtype=object),
    }
    data = DataProto.from_dict(
        tensors={"prompts": prompt_ids, "responses": response_ids, "attention_mask": attention,
                 "input_ids": torch.cat([prompt_ids, response_ids], dim=1)},
        non_tensors=non_tensors,
    )
    return data, [len(a) for a in answers]


def run_verl(recipe, directory, url, rows, work):
    standin_ray()
    standin_tensordict()
    standin_omegaconf()
    standin("codetiming", "timer used only for logging")
    import transformers

    if not hasattr(transformers, "AutoModelForVision2Seq"):  # removed in transformers 5
        transformers.AutoModelForVision2Seq = transformers.AutoModelForImageTextToText
        STANDINS.append("transformers.AutoModelForVision2Seq (gone in transformers 5; aliased to "
                        "AutoModelForImageTextToText, used only for loading models)")
    engine_path(directory, "verl")
    os.environ["SPATIALTHINKER_REWARD_URL"] = url
    import verl

    imported_from(verl, directory)
    tokenizer = tiny_tokenizer()
    tokenizer_dir = os.path.join(work, "tokenizer")
    tokenizer.save_pretrained(tokenizer_dir)
    adapter = os.path.join(HERE, "verl", "spatialthinker_reward.py")
    triples = cases(rows)
    want = [s["overall"] for s in service_scores(url, triples)]
    with_problem = lambda problem, i: {"problem": problem, "index": i}  # noqa: E731

    def config(name, use_loop, manager):
        return DictConfig.wrap({
            "custom_reward_function": {"path": adapter, "name": name, "reward_kwargs": {}},
            "reward_model": {"use_reward_loop": use_loop, "reward_manager": manager, "enable": False,
                             "reward_kwargs": {}, "sandbox_fusion": None},
            "reward_manager": {"source": "register", "name": manager, "module": {"path": None}},
            "data": {"reward_fn_key": "data_source"},
            "actor_rollout_ref": {"model": {"path": tokenizer_dir}},
        })

    if recipe in ("verl-loop", "verl-rejected"):
        from verl.experimental.reward_loop.reward_loop import RewardLoopWorker
        from verl.experimental.reward_loop.reward_manager import get_reward_manager_cls

        try:
            get_reward_manager_cls("batch")
            batch_note = "reward_manager=batch is registered for the loop"
        except ValueError as e:
            batch_note = f"reward_manager=batch under the loop: ValueError: {e}"
        extra = with_problem if recipe == "verl-loop" else (lambda p, i: {"index": i})
        data, _ = verl_batch(tokenizer, triples if recipe == "verl-loop" else triples[:1], extra)

        async def in_actor():  # a Ray actor builds the worker and runs it on one event loop
            worker = RewardLoopWorker(config("compute_score", True, "naive"))
            return await worker.compute_score_batch(data)

        try:
            outputs = asyncio.run(in_actor())
        except Exception as e:
            if recipe == "verl-rejected":
                expect(NO_SIZE in str(e), f"exception without the service's reason: {e}")
                return f"{type(e).__name__}: {str(e)[:150]}..."
            raise
        expect(recipe == "verl-loop", "no exception for a record without an image size")

        async def batch_fn_in_loop():
            worker = RewardLoopWorker(config("compute_score_batch", True, "naive"))
            return await worker.compute_score_batch(data[0:1])

        try:
            asyncio.run(batch_fn_in_loop())
            batch_note += "; compute_score_batch under the loop ran"
        except TypeError as e:
            batch_note += f"; compute_score_batch under the loop: TypeError: {str(e)[:70]}"
        got = [o["reward_score"] for o in outputs]
        expect(close(got, want), f"loop rewards {fmt(got)} differ from /v1/rewards {fmt(want)}")
        keys = sorted(outputs[0]["reward_extra_info"])
        expect({"format", "count", "accuracy", "spatial"} <= set(keys), f"reward_extra_info keys {keys}")
        return (f"RewardLoopWorker.compute_score_batch: {len(got)} reward_score equal /v1/rewards "
                f"{fmt(got[:4])}...; reward_extra_info {keys}; {batch_note}")

    from verl.trainer.ppo.reward import compute_reward, load_reward_manager

    name = "compute_score" if recipe == "verl-legacy-naive" else "compute_score_batch"
    manager_name = "naive" if recipe == "verl-legacy-naive" else "batch"
    manager = load_reward_manager(config(name, False, manager_name), tokenizer, num_examine=0)
    data, lengths = verl_batch(tokenizer, triples, with_problem)
    reward_tensor, extra_info = compute_reward(data, manager)
    got = [float(reward_tensor[i, n - 1]) for i, n in enumerate(lengths)]
    expect(close(got, want), f"{manager_name} rewards {fmt(got)} differ from /v1/rewards {fmt(want)}")
    expect({"format", "count", "accuracy", "spatial"} <= set(extra_info), f"reward_extra_info {sorted(extra_info)}")
    return (f"load_reward_manager -> {type(manager).__name__}, compute_reward: {len(got)} rewards equal "
            f"/v1/rewards {fmt(got[:4])}...; reward_extra_info {sorted(extra_info)}")


# ------------------------------------------------------------------------------------------------
# OpenRLHF


class _Output:
    def __init__(self, token_ids):
        self.token_ids = token_ids
        self.finish_reason = "stop"
        self.logprobs = None


class _RequestOutput:
    def __init__(self, token_ids):
        self.outputs = [_Output(token_ids)]


class _Engine:
    """Stands in for a vLLM engine: 'generates' the given response's tokens."""

    def __init__(self, token_ids):
        self.token_ids = token_ids

    async def generate(self, prompt_token_ids, sampling_params, multi_modal_data=None):
        return _RequestOutput(self.token_ids)


def run_openrlhf(recipe, directory, url, rows, work):
    standin_ray()
    standin("vllm", "inference engine; generation replaced by the test's responses")
    standin("deepspeed", "training runtime, unused by the reward path")
    standin("pylatexenc", "math grading, unused by a remote reward")
    engine_path(directory, "openrlhf")
    os.environ["SPATIALTHINKER_REWARD_URL"] = url
    import openrlhf
    from openrlhf.utils.agent import SingleTurnAgentExecutor

    imported_from(openrlhf, directory)
    STANDINS.append("vLLM engine.generate (returns the test's response tokens)")
    tokenizer = tiny_tokenizer()
    capture = io.StringIO()
    handler = logging.StreamHandler(capture)
    handler.setLevel(logging.INFO)
    logging.getLogger("openrlhf.utils.agent").addHandler(handler)
    rejected = recipe.endswith("-rejected")
    triples = cases(rows)[:4]
    if rejected:
        triples = [(r, g, "Where is the sphere?") for r, g, _ in triples[:1]]
    want = None if rejected else service_scores(url, triples)
    if recipe.startswith("openrlhf-http"):
        endpoint = [url + "/get_reward"]  # train_ppo_ray splits --reward.remote_url on commas
    else:
        endpoint = [os.path.join(HERE, "openrlhf", "spatialthinker_reward.py")]
    executor = SingleTurnAgentExecutor(remote_rm_url=endpoint)
    expect(rejected or recipe != "openrlhf-func" or executor.reward_func is not None, "reward_func not loaded")
    sampling = types.SimpleNamespace(max_tokens=4096, logprobs=None)
    outputs = []
    start = time.time()
    for response, label, problem in triples:
        prompt = tokenizer.apply_chat_template([{"role": "user", "content": problem}], tokenize=False,
                                               add_generation_prompt=True)
        engine = _Engine(tokenizer.encode(response + "<|im_end|>", add_special_tokens=False))
        outputs.append(asyncio.run(executor.execute(prompt, label, sampling, 100000, tokenizer, engine)))
    seconds = time.time() - start
    log = capture.getvalue()
    if not rejected:
        got = [o["reward"][0] for o in outputs]
        overall = [s["overall"] for s in want]
        expect(close(got, overall), f"rewards {fmt(got)} differ from /v1/rewards {fmt(overall)}")
        logs = outputs[0]["extra_logs"]
        expect(sorted(logs) == ["accuracy", "count", "format", "spatial"], f"extra_logs {sorted(logs)}")
        return f"SingleTurnAgentExecutor.execute: {len(got)} rewards equal /v1/rewards {fmt(got)}; extra_logs {sorted(logs)}"
    expect(outputs[0]["reward"] is None, "a refused request still produced a reward")
    line = next((l for l in log.splitlines() if l.strip()), "")
    if recipe == "openrlhf-http-rejected":
        health = get_json(url + "/health")
        expect(NO_SIZE in health.get("last_rejected", ""), f"/health last_rejected: {health.get('last_rejected')}")
        expect(NO_SIZE not in log, "OpenRLHF's own log unexpectedly shows the reason")
        return (f"OpenRLHF logs only '{line.strip()[:90]}' ({log.count('please check')} tries, {seconds:.1f} s), "
                f"reward None; /health rejected={health['rejected']}, last_rejected='{health['last_rejected'][:110]}'")
    expect(NO_SIZE in log, f"OpenRLHF's log lacks the reason: {log[:300]}")
    failed = next(l for l in log.splitlines() if "Failed to fetch reward" in l)
    return f"reward None after {seconds:.1f} s, OpenRLHF logs: '{failed.strip()[:200]}'"


# ------------------------------------------------------------------------------------------------
# TRL


def run_trl(recipe, directory, url, rows, work):
    engine_path(directory, "trl")
    os.environ["SPATIALTHINKER_REWARD_URL"] = url
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import trl

    imported_from(trl, directory)
    adapter = load_file(os.path.join(HERE, "trl", "spatialthinker_reward.py"), "spatialthinker_reward")
    if recipe == "trl-rejected":
        try:
            adapter.spatialthinker_reward(
                completions=[[{"role": "assistant", "content": rows[0]["teacher_response"]}]],
                prompts=[[{"role": "user", "content": "Where is the sphere?"}]],
                answer_option_text=[rows[0]["answer_option_text"]],
                problem=["Where is the sphere?"],
            )
        except adapter.SpatialThinkerRewardError as e:
            expect(NO_SIZE in str(e), f"exception without the service's reason: {e}")
            return f"{type(e).__name__}: {str(e)[:150]}..."
        raise CheckFailed("no exception for a problem without an image size")

    import torch
    from datasets import load_dataset
    from transformers import Qwen2Config, Qwen2ForCausalLM
    from trl import GRPOConfig, GRPOTrainer

    torch.manual_seed(0)
    tokenizer = tiny_tokenizer()
    model = Qwen2ForCausalLM(Qwen2Config(
        vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
        num_attention_heads=2, num_key_value_heads=1, max_position_embeddings=4096,
        pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
    ))
    short = [r["problem"].split("\n\n")[-1] + "\n\n" + r["problem"].split("\n\n")[1] for r in rows[:4]]
    # Written as JSON lines and loaded as a trainer's data set is (Dataset.from_dict's fingerprint
    # cannot pickle pyarrow 25's types with datasets 5.0).
    train_file = os.path.join(work, "trl-train.jsonl")
    with open(train_file, "w", encoding="utf-8") as f:
        for s, r in zip(short, rows[:4]):
            f.write(json.dumps({"prompt": [{"role": "user", "content": s}], "problem": r["problem"],
                                "answer_option_text": r["answer_option_text"]}) + "\n")
    dataset = load_dataset("json", data_files=train_file, split="train")
    args = GRPOConfig(
        output_dir=os.path.join(work, "trl-out"), max_steps=2, per_device_train_batch_size=4,
        num_generations=4, max_completion_length=24, logging_steps=1, report_to="none",
        save_strategy="no", use_cpu=True, bf16=False, seed=0, dataloader_num_workers=0,
    )
    trainer = GRPOTrainer(model=model, processing_class=tokenizer, reward_funcs=[adapter.spatialthinker_reward],
                          args=args, train_dataset=dataset)
    trainer.train()
    history = [h for h in trainer.state.log_history if "spatialthinker/format" in h or "loss" in h]
    steps = trainer.state.global_step
    expect(steps == 2, f"trained {steps} steps")
    keys = ["spatialthinker/format", "spatialthinker/count", "spatialthinker/accuracy", "spatialthinker/spatial"]
    logged = [h for h in trainer.state.log_history if all(k in h for k in keys)]
    expect(len(logged) == 2, f"components in {len(logged)} of 2 log entries: {trainer.state.log_history}")
    reward_key = next((k for k in logged[0] if k.startswith("rewards/spatialthinker_reward")), None)
    expect(reward_key is not None, f"no rewards/spatialthinker_reward in {sorted(logged[0])}")
    shown = ", ".join(f"{k}={logged[-1][k]:.3f}" for k in keys + [reward_key])
    return f"{steps} GRPO steps; log_history has {len(logged)} entries with {shown}"


RUNNERS = {"easyr1": run_easyr1, "fork": run_fork, "verl": run_verl, "openrlhf": run_openrlhf, "trl": run_trl}


def child(engine, recipe, directory, url, work):
    with open(os.path.join(work, "qa.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    noise = io.StringIO()
    try:
        with contextlib.redirect_stdout(noise):
            reason = RUNNERS[engine](recipe, directory, url, rows, work)
        status = "PASS"
    except CheckFailed as e:
        status, reason = "FAIL", str(e)
    except Exception as e:  # an engine's own error is a failed recipe, said in one line
        status = "FAIL"
        reason = f"{type(e).__name__}: {e}".replace("\n", " ")[:400]
        with open(os.path.join(work, f"{recipe}.traceback"), "w") as f:
            f.write(noise.getvalue() + "\n" + traceback.format_exc())
    print(json.dumps({"status": status, "reason": reason, "standins": STANDINS}))


def commit_of(directory):
    try:
        out = subprocess.run(["git", "-C", directory, "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"


def main():
    parser = argparse.ArgumentParser(description="Runs RL engines' reward code against the reward service.")
    for engine, label in (("easyr1", "hiyouga/EasyR1"), ("fork", "hunarbatra/SpatialThinker"),
                          ("verl", "volcengine/verl"), ("openrlhf", "OpenRLHF/OpenRLHF"), ("trl", "huggingface/trl")):
        parser.add_argument(f"--{engine}", metavar="DIR", help=f"checkout of {label}")
    parser.add_argument("--url", help="a running service (default: start one on a free port)")
    parser.add_argument("--work", help="scratch directory (default: a new temporary one)")
    parser.add_argument("--child", nargs=3, metavar=("ENGINE", "RECIPE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="check-engines-")
    if args.child:
        child(*args.child, args.url, work)
        return 0
    engines = [e for e in RUNNERS if getattr(args, e)]
    if not engines:
        parser.error("name at least one engine checkout (--easyr1, --fork, --verl, --openrlhf, --trl)")
    for engine in engines:
        if not os.path.isdir(getattr(args, engine)):
            parser.error(f"--{engine} {getattr(args, engine)}: not a directory")
    make_data(work)
    service = None
    url = args.url
    if not url:
        service, url = start_service(os.path.join(work, "service.log"))
        print(f"started `spatialthinker reward serve` at {url} (log: {work}/service.log)")
    url = url.rstrip("/")
    print(f"service: {get_json(url + '/health')}")
    failed = 0
    try:
        for engine in engines:
            directory = os.path.abspath(getattr(args, engine))
            print(f"\n{engine} at {directory} ({commit_of(directory)})")
            for recipe, label in RECIPES[engine]:
                started = time.time()
                proc = subprocess.run(
                    [sys.executable, os.path.abspath(__file__), "--child", engine, recipe, directory,
                     "--url", url, "--work", work],
                    capture_output=True, text=True, cwd=directory,
                )
                lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
                try:
                    result = json.loads(lines[-1])
                except (IndexError, ValueError):
                    tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
                    result = {"status": "FAIL", "reason": f"exit {proc.returncode}: {tail[0]}", "standins": []}
                failed += result["status"] != "PASS"
                print(f"{result['status']} {recipe}: {label}")
                print(f"     {result['reason']} ({time.time() - started:.1f} s)")
                if result["standins"]:
                    print(f"     stand-ins: {'; '.join(result['standins'])}")
    finally:
        if service is not None:
            service.terminate()
            service.wait(timeout=30)
            with open(os.path.join(work, "service.log"), encoding="utf-8", errors="replace") as f:
                rejected = [l.rstrip() for l in f if "rejected" in l]
            if rejected:
                print("\nservice log, rejected requests:")
                for line in rejected[:8]:
                    print(f"  {line[:220]}")
    total = sum(len(RECIPES[e]) for e in engines)
    print(f"\n{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
