#!/usr/bin/env python3
"""Restates the dense reward of the SpatialThinker reference (``spatial_sgg.py`` in the authors'
fork, hunarbatra/SpatialThinker at 4ac41cf, ``verl/utils/reward_score/spatial_sgg.py``: the
function ``spatial_sgg_compute_score`` with ``relaxed_spatial_reward``) and scores records whose
boxes are inverted (x2 < x1, y2 < y1) or degenerate (zero width or height, points, identical
degenerate boxes), where the reference's spatial term leaves [0, 1].

Label similarity is exact (normalised labels equal -> 1, else 0) in place of spaCy vectors, which
are not available offline; identical labels have similarity 1 under both.

    python3 restate_spatial_sgg.py > inverted_boxes.jsonl

Needs numpy and scipy. Output is deterministic (seeded).
"""
import json
import math
import random
import re

import numpy as np
from scipy.optimize import linear_sum_assignment

ID_RE = re.compile(r"[a-zA-Z_]+\.\d+")


def tag_body(tag, text):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), text, re.DOTALL)
    return m


def answer_of(text):
    m = tag_body("answer", text)
    return m.group(1).strip() if m else ""


def scene_of(text):
    m = tag_body("scene", text)
    if m is None:
        return {}
    try:
        v = json.loads(m.group(1).strip())
    except ValueError:
        return {}
    return v if isinstance(v, dict) else {}


def valid_obj(o):
    return (isinstance(o, dict) and set(o.keys()) == {"id", "bbox"}
            and isinstance(o["id"], str) and ID_RE.fullmatch(o["id"]) is not None
            and isinstance(o["bbox"], list) and len(o["bbox"]) == 4
            and all(isinstance(x, (int, float)) for x in o["bbox"]))


def valid_rel(r):
    return (isinstance(r, dict) and {"subject", "predicate", "object"} <= set(r.keys())
            and all(isinstance(r[k], str) for k in ("subject", "predicate", "object"))
            and ID_RE.fullmatch(r["subject"]) is not None
            and ID_RE.fullmatch(r["object"]) is not None)


def fmt(text):
    for t in ("observe", "think", "scene", "answer"):
        if tag_body(t, text) is None or text.count("<%s>" % t) != 1:
            return 0.0
    sc = scene_of(text)
    if not sc:
        return 0.0
    objs, rels = sc.get("objects", []), sc.get("relationships", [])
    if not isinstance(objs, list) or not isinstance(rels, list):
        return 0.0
    if not all(valid_obj(o) for o in objs) or not all(valid_rel(r) for r in rels):
        return 0.0
    ids = [o["id"] for o in objs]
    return 1.0 if len(ids) == len(set(ids)) else 0.0


def count(pred, gt):
    po, go = pred.get("objects"), gt.get("objects")
    pr, gr = pred.get("relationships") or [], gt.get("relationships") or []
    if not isinstance(po, list) or not isinstance(go, list):
        return 0.0
    o = max(0.0, 1 - abs(len(po) - len(go)) / max(len(go), 1))
    if not gr:
        return o
    r = max(0.0, 1 - abs(len(pr) - len(gr)) / max(len(gr), 1))
    return o * 0.7 + r * 0.3


def norm_label(s):
    return s.replace("_", " ").replace("-", " ").strip().lower()


def sim(a, b):
    return 1.0 if norm_label(a.split(".")[0]) == norm_label(b.split(".")[0]) else 0.0


def ciou01(a, b, eps=1e-7):
    wa, ha = a[2] - a[0], a[3] - a[1]
    wb, hb = b[2] - b[0], b[3] - b[1]
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    iou = inter / (wa * ha + wb * hb - inter + eps)
    d2 = ((a[0] + a[2]) / 2 - (b[0] + b[2]) / 2) ** 2 + ((a[1] + a[3]) / 2 - (b[1] + b[3]) / 2) ** 2
    c2 = (max(a[2], b[2]) - min(a[0], b[0])) ** 2 + (max(a[3], b[3]) - min(a[1], b[1])) ** 2 + eps
    v = (4 / (math.pi ** 2)) * (math.atan(wb / (hb + eps)) - math.atan(wa / (ha + eps))) ** 2
    s = (1 - iou) + v
    alpha = v / s if s != 0 else 0.0
    return (iou - (d2 / c2 + alpha * v) + 1) / 2


def spatial(pred, gt, w, h):
    gobjs = gt.get("objects") or []
    pobjs = pred.get("objects") or []
    grels = gt.get("relationships") or []
    prels = pred.get("relationships") or []
    if not all(isinstance(x, list) for x in (gobjs, pobjs, grels, prels)):
        return 0.0
    if not all(valid_obj(o) for o in pobjs) or not all(valid_rel(r) for r in prels):
        return 0.0

    def prep(objs):
        return [(norm_label(o["id"]),
                 [o["bbox"][0] * (1.0 / w), o["bbox"][1] * (1.0 / h),
                  o["bbox"][2] * (1.0 / w), o["bbox"][3] * (1.0 / h)]) for o in objs]

    g, p = prep(gobjs), prep(pobjs)
    if not g:
        # no ground-truth objects: with relations the reference averages over none (1.0)
        return 1.0 if grels or not p else 0.0
    rows = max(len(p), len(g))
    cost = np.zeros((rows, len(g)))
    for i, (pid, pb) in enumerate(p):
        for j, (gid, gb) in enumerate(g):
            cost[i, j] = 2.0 * (1.0 - sim(pid, gid)) + 1.0 * (1.0 - ciou01(pb, gb))
    cost[len(p):, :] = 1e5
    r_idx, c_idx = linear_sum_assignment(cost)
    total = 0.0
    for r, c in zip(r_idx, c_idx):
        if r < len(p):
            total += ciou01(g[c][1], p[r][1])
    return total / len(g)


def score(response, ground_truth, problem):
    m = re.search(r"Image size: \((.*?) x (.*?)\)", problem)
    w, h = int(m.group(1)), int(m.group(2))
    pred, gt = scene_of(response), scene_of(ground_truth)
    f = fmt(response)
    c = a = s = 0.0
    if f == 1.0:
        c = count(pred, gt)
        a = float(answer_of(response).lower() == answer_of(ground_truth).lower())
        if a == 1.0:
            s = spatial(pred, gt, w, h)
    return {"overall": f * 0.1 + c * 0.2 + a * 0.5 + s * 0.2,
            "format": f, "count": c, "accuracy": a, "spatial": s}


def record(pred_objs, gt_objs, w, h, pred_rels=(), gt_rels=(), answer="(A) left", case=""):
    pred = {"objects": [{"id": i, "bbox": b} for i, b in pred_objs],
            "relationships": [dict(zip(("subject", "predicate", "object"), t)) for t in pred_rels]}
    gt = {"objects": [{"id": i, "bbox": b} for i, b in gt_objs],
          "relationships": [dict(zip(("subject", "predicate", "object"), t)) for t in gt_rels]}
    response = ("<observe>A tabletop.</observe>\n<scene>" + json.dumps(pred) + "</scene>\n"
                "<think>Compare the boxes.</think>\n<answer>" + answer + "</answer>")
    ground_truth = "<scene>" + json.dumps(gt) + "</scene>\n<answer>(A) left</answer>"
    problem = "Where is the cup? Image size: (%d x %d)\nOptions: (A) left (B) right" % (w, h)
    return {"case": case, "response": response, "ground_truth": ground_truth, "problem": problem,
            "expected": score(response, ground_truth, problem)}


def main():
    out = []
    W, H = 640, 480
    cup = [100, 120, 220, 260]
    out.append(record([("cup.1", [220, 120, 100, 260])], [("cup.1", cup)], W, H,
                      case="prediction inverted in x"))
    out.append(record([("cup.1", [100, 260, 220, 120])], [("cup.1", cup)], W, H,
                      case="prediction inverted in y"))
    out.append(record([("cup.1", [220, 260, 100, 120])], [("cup.1", cup)], W, H,
                      case="prediction inverted in x and y"))
    out.append(record([("cup.1", cup)], [("cup.1", [220, 120, 100, 260])], W, H,
                      case="ground truth inverted in x"))
    out.append(record([("cup.1", [221, 121, 99, 259])], [("cup.1", [220, 120, 100, 260])], W, H,
                      case="both inverted, nearly equal"))
    out.append(record([("cup.1", [300, 120, 100, 121])], [("cup.1", cup)], W, H,
                      case="inverted in x, thin in y"))
    out.append(record([("cup.1", [150, 200, 150, 200])], [("cup.1", cup)], W, H,
                      case="point box inside the truth"))
    out.append(record([("cup.1", [150, 120, 150, 260])], [("cup.1", cup)], W, H,
                      case="zero width"))
    out.append(record([("cup.1", [100, 200, 220, 200])], [("cup.1", cup)], W, H,
                      case="zero height"))
    out.append(record([("cup.1", [150, 200, 150, 200])], [("cup.1", [150, 200, 150, 200])], W, H,
                      case="identical point boxes"))
    out.append(record([("cup.1", [0, 0, 0, 0])], [("cup.1", [0, 0, 0, 0])], W, H,
                      case="identical zero boxes at the origin"))
    out.append(record([("cup.1", [100, 120, 220, 120])], [("cup.1", [100, 120, 220, 120])], W, H,
                      case="identical zero-height boxes"))
    out.append(record([("cup.1", [600, 10, 5, 470])], [("cup.1", [10, 400, 20, 410])], W, H,
                      case="wide inverted box far from a small truth"))
    out.append(record([("cup.1", [220, 120, 100, 260]), ("plate.2", [300, 300, 420, 380])],
                      [("cup.1", cup), ("plate.2", [300, 300, 420, 380])], W, H,
                      pred_rels=[("cup.1", "left of", "plate.2")],
                      gt_rels=[("cup.1", "left of", "plate.2")],
                      case="two objects, one inverted, with a relation"))
    out.append(record([("cup.1", [420, 380, 300, 300]), ("cup.2", [100, 120, 220, 260])],
                      [("cup.1", cup), ("cup.2", [300, 300, 420, 380])], W, H,
                      case="same labels: the inverted box changes the assignment"))
    out.append(record([("cup.1", [220, 120, 100, 260])], [("cup.1", cup)], W, H,
                      answer="(B) right", case="inverted but wrong answer (gated)"))
    out.append(record([("mug.1", [220, 120, 100, 260])], [("cup.1", cup)], W, H,
                      case="inverted, other label"))
    out.append(record([("cup.1", [220, 120, 100, 260])], [("cup.1", cup), ("bowl.3", [0, 0, 50, 40])],
                      W, H, case="inverted, fewer predictions than truths"))
    rng = random.Random(20260112)
    for k in range(60):
        w, h = rng.choice([(256, 256), (640, 480), (1024, 768)])
        n_gt = rng.randint(1, 3)
        n_pr = rng.randint(0, 3)
        labels = ["cup", "plate", "bowl", "mug"]

        def box(inverted):
            x1, x2 = sorted(rng.randint(-20, w + 20) for _ in range(2))
            y1, y2 = sorted(rng.randint(-20, h + 20) for _ in range(2))
            kind = rng.randint(0, 5) if inverted else 9
            if kind == 0:
                x1, x2 = x2, x1
            elif kind == 1:
                y1, y2 = y2, y1
            elif kind == 2:
                x1, x2, y1, y2 = x2, x1, y2, y1
            elif kind == 3:
                x2 = x1
            elif kind == 4:
                y2 = y1
            elif kind == 5:
                x2, y2 = x1, y1
            return [x1, y1, x2, y2]

        gt_objs = [("%s.%d" % (labels[j], j + 1), box(rng.random() < 0.3)) for j in range(n_gt)]
        pr_objs = [("%s.%d" % (labels[rng.randint(0, 3)] if rng.random() < 0.3 else labels[j % 4],
                               j + 1), box(True)) for j in range(n_pr)]
        seen = set()
        pr_objs = [o for o in pr_objs if not (o[0] in seen or seen.add(o[0]))]
        out.append(record(pr_objs, gt_objs, w, h, case="seeded %d" % k))
    for r in out:
        print(json.dumps(r))


if __name__ == "__main__":
    main()
