#!/usr/bin/env python3
"""Independent oracle for the dense reward's semantics, used to produce golden records.

It restates, in plain Python with scipy's assignment solver, the rules of the SpatialThinker
reference reward (format, count, accuracy, gated spatial with CIoU mapped to [0, 1]), with exact
label similarity (normalised names equal -> 1, else 0). `python3 oracle.py N SEED > dense.jsonl`
writes N seeded records with their expected scores; the Java golden test replays them
(dense.jsonl is `python3 oracle.py 600 7`).
"""
import json
import math
import random
import re
import sys

import numpy as np
from scipy.optimize import linear_sum_assignment

ID = re.compile(r"[a-zA-Z_]+\.\d+")
EPS = 1e-7


def first(tag, text, dotall=True):
    m = re.search("<%s>(.*?)</%s>" % (tag, tag), text, re.DOTALL if dotall else 0)
    return m.group(1) if m else None


def scene_of(text):
    body = first("scene", text)
    if body is None:
        return {}
    try:
        value = json.loads(body.strip())
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def number(v):
    return isinstance(v, (int, float))


def good_object(o):
    return (isinstance(o, dict) and set(o) == {"id", "bbox"} and isinstance(o["id"], str)
            and ID.fullmatch(o["id"]) is not None and isinstance(o["bbox"], list)
            and len(o["bbox"]) == 4 and all(number(v) for v in o["bbox"]))


def good_relation(r):
    if not isinstance(r, dict) or not {"subject", "predicate", "object"} <= set(r):
        return False
    if not all(isinstance(r[k], str) for k in ("subject", "predicate", "object")):
        return False
    return ID.fullmatch(r["subject"]) is not None and ID.fullmatch(r["object"]) is not None


def format_ok(text):
    for tag in ("observe", "scene", "think", "answer"):
        if first(tag, text) is None or text.count("<%s>" % tag) != 1:
            return False
    scene = scene_of(text)
    if not scene:
        return False
    objs = scene.get("objects", [])
    rels = scene.get("relationships", [])
    if not isinstance(objs, list) or not isinstance(rels, list):
        return False
    if not all(good_object(o) for o in objs) or not all(good_relation(r) for r in rels):
        return False
    ids = [o["id"] for o in objs]
    return len(ids) == len(set(ids))


def ratio(p, g):
    return max(0.0, 1 - abs(p - g) / max(g, 1))


def count_score(pred, gt):
    po, go = pred.get("objects"), gt.get("objects")
    if not isinstance(po, list) or not isinstance(go, list):
        return 0.0
    pr, gr = pred.get("relationships") or [], gt.get("relationships") or []
    o = ratio(len(po), len(go))
    return o if not len(gr) else o * 0.7 + ratio(len(pr), len(gr)) * 0.3


def ciou01(a, b):
    wa, ha, wb, hb = a[2] - a[0], a[3] - a[1], b[2] - b[0], b[3] - b[1]
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    iou = inter / (wa * ha + wb * hb - inter + EPS)
    d2 = ((a[0] + a[2]) / 2 - (b[0] + b[2]) / 2) ** 2 + ((a[1] + a[3]) / 2 - (b[1] + b[3]) / 2) ** 2
    c2 = (max(a[2], b[2]) - min(a[0], b[0])) ** 2 + (max(a[3], b[3]) - min(a[1], b[1])) ** 2 + EPS
    v = (4 / math.pi ** 2) * (math.atan(wb / (hb + EPS)) - math.atan(wa / (ha + EPS))) ** 2
    alpha = v / ((1 - iou) + v) if (1 - iou) + v != 0 else 0.0
    return (iou - (d2 / c2 + alpha * v) + 1) / 2


def label(i):
    return i.replace("_", " ").replace("-", " ").strip().lower().split(".")[0]


def spatial_score(pred, gt, w, h):
    go, gr = gt.get("objects") or [], gt.get("relationships") or []
    po = pred.get("objects") or []
    if not isinstance(go, list) or not isinstance(gr, list):
        return 0.0
    if not gr and not go:
        return 1.0 if not po else 0.0
    if not go:
        return 1.0
    scale = lambda b: [b[0] * (1.0 / w), b[1] * (1.0 / h), b[2] * (1.0 / w), b[3] * (1.0 / h)]
    G, P = len(go), len(po)
    cost = np.full((max(P, G), G), 1e5)
    cious = np.zeros((P, G))
    for i, p in enumerate(po):
        for j, g in enumerate(go):
            c = ciou01(scale(g["bbox"]), scale(p["bbox"]))
            cious[i, j] = c
            sim = 1.0 if label(g["id"]) == label(p["id"]) else 0.0
            cost[i, j] = 2.0 * (1 - sim) + (1 - c)
    rows, cols = linear_sum_assignment(cost)
    per = [0.0] * G
    for r, c in zip(rows, cols):
        if r < P:
            per[c] = cious[r, c]
    # As in the reference, S is not clamped: inverted boxes (x2 < x1 or y2 < y1) can push it
    # below 0.
    return sum(per) / G


def score(response, truth, problem):
    m = re.search(r"Image size: \((.*?) x (.*?)\)", problem)
    w, h = int(m.group(1)), int(m.group(2))
    if not format_ok(response):
        return dict(overall=0.0, format=0.0, count=0.0, accuracy=0.0, spatial=0.0)
    pred, gt = scene_of(response), scene_of(truth)
    c = count_score(pred, gt)
    pa, ga = first("answer", response), first("answer", truth)
    a = float((pa or "").strip().lower() == (ga or "").strip().lower())
    s = spatial_score(pred, gt, w, h) if a == 1.0 else 0.0
    return dict(overall=0.1 + c * 0.2 + a * 0.5 + s * 0.2, format=1.0, count=c, accuracy=a, spatial=s)


# ---- seeded record generator -------------------------------------------------------------
NAMES = ["cup", "mug", "table", "chair", "man", "person", "dog", "cat", "car", "cube", "sphere",
         "cylinder", "cone", "fire_hydrant", "traffic-light", "lamp"]
PREDICATES = ["left of", "right of", "on top of", "behind", "in front of", "next to"]
OPTIONS = ["(A) left", "(B) behind", "(C) right", "(D) in front"]


def rand_box(rng, w, h):
    x1, y1 = rng.uniform(0, w * 0.8), rng.uniform(0, h * 0.8)
    x2, y2 = rng.uniform(x1 + 2, w), rng.uniform(y1 + 2, h)
    return [round(x1), round(y1), round(x2), round(y2)]


def jitter(rng, box, w, h, amount):
    return [max(0, round(v + rng.gauss(0, amount))) for v in box]


def make(rng):
    w, h = rng.choice([(640, 480), (256, 256), (1024, 768), (512, 384)])
    n = rng.randint(0, 4)
    gt_objs = []
    for k in range(n):
        gt_objs.append({"id": "%s.%d" % (rng.choice(NAMES), k + 1), "bbox": rand_box(rng, w, h)})
    gt_rels = []
    if n >= 2 and rng.random() < 0.6:
        a, b = rng.sample(gt_objs, 2)
        gt_rels.append({"subject": a["id"], "predicate": rng.choice(PREDICATES), "object": b["id"]})
    gt_scene = {"objects": gt_objs, "relationships": gt_rels}
    answer = rng.choice(OPTIONS)
    truth = "<scene>%s</scene>\n<answer>%s</answer>" % (json.dumps(gt_scene), answer)
    problem = "Question about the image. Image size: (%d x %d)\nOptions: ..." % (w, h)

    kind = rng.random()
    objs = []
    for o in gt_objs:
        if rng.random() < 0.85:
            name = o["id"] if rng.random() < 0.8 else "%s.%d" % (rng.choice(NAMES), rng.randint(1, 9))
            objs.append({"id": name, "bbox": jitter(rng, o["bbox"], w, h, rng.choice([0, 3, 15, 60]))})
    for _ in range(rng.choice([0, 0, 1, 2])):
        objs.append({"id": "%s.%d" % (rng.choice(NAMES), rng.randint(10, 30)), "bbox": rand_box(rng, w, h)})
    rng.shuffle(objs)
    seen, uniq = set(), []
    for o in objs:
        if o["id"] not in seen:
            seen.add(o["id"])
            uniq.append(o)
    objs = uniq
    rels = []
    if len(objs) >= 2 and rng.random() < 0.5:
        a, b = rng.sample(objs, 2)
        rels.append({"subject": a["id"], "predicate": rng.choice(PREDICATES), "object": b["id"]})
    pred = {"objects": objs, "relationships": rels}
    if rng.random() < 0.08:
        pred.pop("objects")
    if rng.random() < 0.1:
        pred.pop("relationships")
    pa = answer if rng.random() < 0.6 else rng.choice(OPTIONS)
    if rng.random() < 0.1:
        pa = "  " + pa.upper() + " \n"
    scene_text = json.dumps(pred, indent=rng.choice([None, 1]))
    resp = ("<observe>I see the objects.</observe>\n<scene>%s</scene>\n<think>Compare the boxes."
            "</think>\n<answer>%s</answer>" % (scene_text, pa))
    if kind < 0.05:
        resp = resp.replace("<observe>", "")
    elif kind < 0.08:
        resp = resp + "<think>again</think>"
    elif kind < 0.11:
        resp = resp.replace(scene_text, scene_text[:-3])
    elif kind < 0.13 and objs:
        resp = resp.replace('"bbox"', '"box"', 1)
    elif kind < 0.15 and objs:
        resp = resp.replace(objs[0]["id"], "bad id", 1)
    elif kind < 0.18:
        resp = resp.replace("<scene>", "<scene> \n").replace("<answer>", "<answer>\n")
    elif kind < 0.20:
        resp = "<think>t</think>" + resp.replace("<think>Compare the boxes.</think>", "")
    return {"response": resp, "ground_truth": truth, "problem": problem}


def main():
    n, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    for _ in range(n):
        rec = make(rng)
        out = dict(rec)
        out["expected"] = score(rec["response"], rec["ground_truth"], rec["problem"])
        print(json.dumps(out))


if __name__ == "__main__":
    main()
