"""Calls each adapter against a running reward service and checks the answers.

    spatialthinker reward serve --port 8000 &
    SPATIALTHINKER_REWARD_URL=http://127.0.0.1:8000 python3 integrations/smoke_test.py

The sparse reward's values are known exactly (1.0 for a well-formed right answer, 0.5 for a
well-formed wrong one or a right one without the tags), so the checks ask for it by name; the
service's default reward is checked for agreement between the adapters and /v1/rewards. Exits
non-zero on the first mismatch. Python standard library only.
"""

import importlib.util
import json
import os
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
URL = os.environ.get("SPATIALTHINKER_REWARD_URL", "http://127.0.0.1:8000").rstrip("/")
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))

SCENE = '<scene>{"objects": [{"id": "cup.1", "bbox": [10, 20, 110, 220]}], "relationships": []}</scene>'
TRUTH = SCENE + "\n<answer>(B) behind</answer>"
PROBLEM = "Where is the cup?\n(A) left\n(B) behind\n\nImage size: (640 x 480)"
RIGHT = "<think>It is behind the table.</think><answer>(B) behind</answer>"
WRONG = "<think>It is left of the table.</think><answer>(A) left</answer>"
UNTAGGED = "(B) behind"
RESPONSES = [RIGHT, WRONG, UNTAGGED]
SPARSE = [1.0, 0.5, 0.5]


def load(engine):
    path = os.path.join(HERE, engine, "spatialthinker_reward.py")
    spec = importlib.util.spec_from_file_location(f"spatialthinker_reward_{engine}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def direct(reward=None):
    body = {"records": [{"response": r, "ground_truth": TRUTH, "problem": PROBLEM} for r in RESPONSES]}
    if reward:
        body["reward"] = reward
    request = urllib.request.Request(
        URL + "/v1/rewards", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with OPENER.open(request, timeout=30) as response:
        return [s["overall"] for s in json.load(response)["scores"]]


def check(name, got, want):
    if [round(g, 9) for g in got] != [round(w, 9) for w in want]:
        print(f"FAIL {name}: got {got}, want {want}")
        sys.exit(1)
    print(f"ok   {name}: {got}")


def main():
    with OPENER.open(URL + "/health", timeout=10) as response:
        health = json.load(response)
    print(f"service at {URL}: {health}")
    default = direct()
    check("/v1/rewards sparse", direct("sparse"), SPARSE)

    easyr1 = load("easyr1")
    inputs = [{"response": r, "response_length": len(r), "ground_truth": TRUTH} for r in RESPONSES]
    packed = json.dumps({"ground_truth": TRUTH, "problem": PROBLEM})
    check("easyr1 sparse", [s["overall"] for s in easyr1.compute_score(inputs, reward="sparse")], SPARSE)
    with_problem = [dict(i, problem=PROBLEM) for i in inputs]
    check("easyr1 problem key", [s["overall"] for s in easyr1.compute_score(with_problem)], default)
    packed_inputs = [dict(i, ground_truth=packed) for i in inputs]
    check("easyr1 packed truth", [s["overall"] for s in easyr1.compute_score(packed_inputs)], default)
    check(
        "easyr1 image_size",
        [s["overall"] for s in easyr1.compute_score(inputs, image_size="640x480")],
        direct_with_problem("Image size: (640 x 480)"),
    )
    scores = easyr1.compute_score(with_problem)
    assert set(scores[0]) == {"overall", "format", "count", "accuracy", "spatial"}, scores[0]

    verl = load("verl")
    extra = {"problem": PROBLEM, "index": 0}
    check(
        "verl compute_score",
        [verl.compute_score("spatialthinker", r, TRUTH, dict(extra))["score"] for r in RESPONSES],
        default,
    )
    batch = verl.compute_score_batch(
        ["spatialthinker"] * 3, RESPONSES, [TRUTH] * 3, [{"width": 640, "height": 480}] * 3
    )
    check("verl compute_score_batch (width/height)", [s["score"] for s in batch], direct_with_problem("Image size: (640 x 480)"))
    check(
        "verl sparse via reward_kwargs",
        [verl.compute_score("s", r, TRUTH, None, reward="sparse")["score"] for r in RESPONSES],
        SPARSE,
    )

    trl = load("trl")
    conversational = [[{"role": "assistant", "content": r}] for r in RESPONSES]
    check(
        "trl conversational + problem column",
        trl.spatialthinker_reward(conversational, prompts=None, answer_option_text=[TRUTH] * 3, problem=[PROBLEM] * 3),
        default,
    )
    prompts = [[{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": PROBLEM}]}]] * 3
    check(
        "trl standard completions, problem from prompts",
        trl.reward(RESPONSES, prompts=prompts, ground_truth=[TRUTH] * 3, trainer_state=None),
        default,
    )

    openrlhf = load("openrlhf")
    os.environ["SPATIALTHINKER_REWARD_URL"] = URL
    prompt = "<|im_start|>user\n" + PROBLEM + "<|im_end|>\n<|im_start|>assistant\n"
    answer = openrlhf.reward_func([prompt + r + "<|im_end|>" for r in RESPONSES], [prompt] * 3, [TRUTH] * 3)
    check("openrlhf reward_func", answer["rewards"], default)
    assert sorted(answer["extra_logs"]) == ["accuracy", "count", "format", "spatial"], answer
    if health.get("reward") == "dense":
        bare = "<|im_start|>user\nWhere is the cup?<|im_end|>\n<|im_start|>assistant\n"
        try:
            openrlhf.reward_func([bare + RIGHT], [bare], [TRUTH])
        except openrlhf.SpatialThinkerRewardError as e:
            if e.status != 400 or "Image size" not in str(e):
                print(f"FAIL openrlhf reward_func without image size: {e}")
                sys.exit(1)
            print(f"ok   openrlhf reward_func without image size is refused: {e}")
        else:
            print("FAIL openrlhf reward_func without image size: no error")
            sys.exit(1)

    if health.get("reward") == "dense":
        try:
            easyr1.compute_score(inputs)
        except easyr1.SpatialThinkerRewardError as e:
            if e.status != 400 or "problem" not in str(e):
                print(f"FAIL dense without problem: {e}")
                sys.exit(1)
            print(f"ok   dense without problem is refused: {e}")
        else:
            print("FAIL dense without problem: no error")
            sys.exit(1)

    try:
        easyr1.compute_score(inputs, url="http://127.0.0.1:9")
    except easyr1.SpatialThinkerRewardError as e:
        print(f"ok   service down: {e}")
    else:
        print("FAIL service down: no error")
        sys.exit(1)
    print("all adapters agree with the service")


def direct_with_problem(problem):
    body = {"records": [{"response": r, "ground_truth": TRUTH, "problem": problem} for r in RESPONSES]}
    request = urllib.request.Request(
        URL + "/v1/rewards", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with OPENER.open(request, timeout=30) as response:
        return [s["overall"] for s in json.load(response)["scores"]]


if __name__ == "__main__":
    main()
