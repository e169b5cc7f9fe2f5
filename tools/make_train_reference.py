"""Writes the reference numbers the train module's GRPO and optimiser tests compare against.

Run by hand, never by the build (the tests only read the JSON it writes):

    pip install --target PYENV torch numpy
    PYTHONPATH=PYENV python3 tools/make_train_reference.py

GRPO: the group advantages, the clipped and dual-clipped policy loss, the low-variance KL term,
the clip fractions and the gradient of the loss with respect to the current log-probs, restated
from the formulas of EasyR1's verl/trainer/core_algos.py (compute_grpo_outcome_advantage,
compute_policy_loss with loss_type "default" and loss_avg_mode "token", compute_kl with
"low_var_kl") and its actor's update (loss = pg_loss + kl_coef * kl_loss, both token-means).
Everything is computed in float64 on float32-representable inputs, so the numbers are the
formulas' own and any float32 error is the implementation's.

Optimiser: torch.nn.utils.clip_grad_norm_ followed by torch.optim.AdamW, weight decay only on
the parameters whose name ends in ".w", on seeded parameters and gradients, a few steps.
"""

import json
import math
import pathlib

import numpy as np
import torch

EASYR1_COMMIT = "b44b311b669bf1fd1aa2fc36f2251482ba33cb16"
OUT = pathlib.Path(__file__).resolve().parent.parent / "train/src/test/resources/reference"


def f32(a):
    """Rounds to float32 and back, so the Java side can hold the inputs exactly."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def group_advantages(rewards, group, eps=1e-6):
    """(r - group mean) / (group std + eps), std unbiased, groups consecutive."""
    r = torch.tensor(rewards, dtype=torch.float64)
    out = torch.empty_like(r)
    for g in range(0, len(r), group):
        block = r[g : g + group]
        out[g : g + group] = (block - block.mean()) / (block.std(unbiased=True) + eps)
    return out


def token_mean(values, mask, eps=1e-8):
    return (values * mask).sum() / (mask.sum() + eps)


def grpo_loss(logp, old, ref, adv, mask, clip_low, clip_high, dual, kl_coef):
    """The per-minibatch GRPO objective and its diagnostics; adv is [B, 1]."""
    log_ratio = logp - old
    ratio = torch.exp(log_ratio.clamp(-20.0, 20.0))
    clipped = torch.exp(log_ratio.clamp(math.log(1.0 - clip_low), math.log(1.0 + clip_high)))
    a = adv.expand_as(logp)
    unclipped_loss = -a * ratio
    clipped_loss = -a * clipped
    dual_loss = -a * dual
    upper = torch.maximum(unclipped_loss, clipped_loss)
    lower = torch.minimum(upper, dual_loss)
    negative = a < 0
    per_token = torch.where(negative, lower, upper)
    pg = token_mean(per_token, mask)
    diff = (ref - logp).clamp(-20.0, 20.0)
    k3 = (diff.exp() - diff - 1.0).clamp(-10.0, 10.0)
    kl = token_mean(k3, mask)
    loss = pg + kl_coef * kl
    clip_fraction = token_mean((unclipped_loss < clipped_loss).double(), mask)
    dual_fraction = token_mean(((upper > dual_loss) & negative).double(), mask)
    return loss, pg, kl, clip_fraction, dual_fraction


def grpo_case(rng, name, b, r, settings, extreme):
    lengths = rng.integers(1, r + 1, size=b)
    lengths[0] = r
    mask = f32([[1.0 if t < lengths[i] else 0.0 for t in range(r)] for i in range(b)])
    logp = f32(-rng.uniform(0.01, 4.0, size=(b, r)))
    # log-ratios up to 1.6: ratios up to 5, beyond the dual clip of 3
    old = f32(logp - rng.uniform(-1.6, 1.6, size=(b, r)))
    ref = f32(logp + rng.uniform(-3.0, 3.0, size=(b, r)))
    if extreme:
        # the clamps: log-ratios and reference gaps beyond +-20
        old[0, 0] = f32(logp[0, 0] - 25.0)
        old[1, 1] = f32(logp[1, 1] + 25.0)
        ref[0, 2] = f32(logp[0, 2] + 30.0)
        ref[1, 0] = f32(logp[1, 0] - 30.0)
    groups = settings["group"]
    rewards = f32(rng.choice([0.0, 0.25, 0.5, 1.0, 1.5], size=b) + rng.normal(0, 0.05, size=b))
    adv = f32(group_advantages(rewards.tolist(), groups).numpy()).reshape(b, 1)
    lp = torch.tensor(logp, dtype=torch.float64, requires_grad=True)
    loss, pg, kl, clip_fraction, dual_fraction = grpo_loss(
        lp,
        torch.tensor(old),
        torch.tensor(ref),
        torch.tensor(adv),
        torch.tensor(mask),
        settings["clip_low"],
        settings["clip_high"],
        settings["dual_clip"],
        settings["kl_coef"],
    )
    loss.backward()
    log_ratio = logp - old
    negative = np.broadcast_to(adv < 0, log_ratio.shape)
    dual_tokens = int(((np.exp(log_ratio) > settings["dual_clip"]) & negative & (mask > 0)).sum())
    return {
        "name": name,
        "batch": b,
        "length": r,
        **{k: settings[k] for k in ("clip_low", "clip_high", "dual_clip", "kl_coef")},
        "logp": logp.ravel().tolist(),
        "old_logp": old.ravel().tolist(),
        "ref_logp": ref.ravel().tolist(),
        "advantages": adv.ravel().tolist(),
        "mask": mask.ravel().tolist(),
        "tokens_beyond_dual_clip": dual_tokens,
        "loss": loss.item(),
        "policy_loss": pg.item(),
        "kl": kl.item(),
        "clip_fraction": clip_fraction.item(),
        "dual_clip_fraction": dual_fraction.item(),
        "grad_logp": lp.grad.ravel().tolist(),
    }


def advantage_cases(rng):
    cases = []
    for group, groups in ((2, 3), (5, 4), (8, 3)):
        rewards = rng.uniform(0.0, 2.0, size=group * groups)
        rewards[:group] = np.round(rewards[:group])  # a 0/1-style group
        rewards[group : 2 * group] = 0.75  # all equal: advantage 0
        rewards[2 * group : 3 * group] = 0.3
        rewards[2 * group] += 1e-6  # std of the order of eps
        cases.append({"group": group, "rewards": rewards.tolist()})
    for c in cases:
        c["advantages"] = group_advantages(c["rewards"], c["group"]).tolist()
    return cases


def grpo_reference():
    rng = np.random.default_rng(20251)
    easyr1_default = {"clip_low": 0.2, "clip_high": 0.3, "dual_clip": 3.0, "kl_coef": 0.01, "group": 4}
    other = {"clip_low": 0.1, "clip_high": 0.28, "dual_clip": 2.0, "kl_coef": 0.05, "group": 2}
    cases = [
        grpo_case(rng, "easyr1-defaults", 8, 12, easyr1_default, extreme=False),
        grpo_case(rng, "easyr1-defaults-clamps", 8, 16, easyr1_default, extreme=True),
        grpo_case(rng, "other-clips", 6, 10, other, extreme=True),
    ]
    return {
        "source": "restated from EasyR1 verl/trainer/core_algos.py and verl/workers/actor/dp_actor.py",
        "easyr1_commit": EASYR1_COMMIT,
        "generator": "tools/make_train_reference.py",
        "torch": torch.__version__,
        "advantages": advantage_cases(rng),
        "loss": cases,
    }


def adamw_reference():
    rng = np.random.default_rng(7)
    shapes = {"enc.0.w": (4, 3), "enc.0.b": (3,), "out.w": (2, 5), "norm.g": (5,)}
    init = {k: f32(rng.normal(0, 0.5, size=s)) for k, s in shapes.items()}
    lr, weight_decay, max_norm, eps, betas = 1e-2, 0.1, 1.0, 1e-8, (0.9, 0.999)
    # gradient scales: some steps under the norm bound, some far over it
    scales = [0.05, 3.0, 0.3, 20.0, 0.01, 1.0]
    grads = [{k: f32(rng.normal(0, s, size=shapes[k])) for k in shapes} for s in scales]
    params = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in init.items()}
    decay = [p for k, p in params.items() if k.endswith(".w")]
    rest = [p for k, p in params.items() if not k.endswith(".w")]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": weight_decay}, {"params": rest, "weight_decay": 0.0}],
        lr=lr,
        betas=betas,
        eps=eps,
    )
    steps = []
    for g in grads:
        for k, p in params.items():
            p.grad = torch.tensor(g[k], dtype=torch.float64)
        norm = torch.nn.utils.clip_grad_norm_(list(params.values()), max_norm)
        opt.step()
        opt.zero_grad()
        steps.append(
            {
                "grads": {k: v.ravel().tolist() for k, v in g.items()},
                "grad_norm": norm.item(),
                "params": {k: p.detach().ravel().tolist() for k, p in params.items()},
            }
        )
    return {
        "source": "torch.nn.utils.clip_grad_norm_ then torch.optim.AdamW, float64",
        "generator": "tools/make_train_reference.py",
        "torch": torch.__version__,
        "lr": lr,
        "weight_decay": weight_decay,
        "max_norm": max_norm,
        "beta1": betas[0],
        "beta2": betas[1],
        "eps": eps,
        "shapes": {k: list(s) for k, s in shapes.items()},
        "init": {k: v.ravel().tolist() for k, v in init.items()},
        "steps": steps,
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in (("grpo_easyr1.json", grpo_reference()), ("adamw_torch.json", adamw_reference())):
        (OUT / name).write_text(json.dumps(data, indent=1) + "\n")
        print("wrote", OUT / name)


if __name__ == "__main__":
    main()
