"""SpatialThinker reward for TRL's GRPOTrainer, computed by the SpatialThinker-J reward service.

    from spatialthinker_reward import spatialthinker_reward
    trainer = GRPOTrainer(model=..., reward_funcs=[spatialthinker_reward], train_dataset=dataset, ...)

GRPOTrainer calls each reward function with ``prompts``, ``completions``, ``completion_ids`` and,
as keyword arguments, every other column of the data set (one value per completion), plus
``trainer_state``. Completions are strings, or, for a conversational data set, lists of messages
(``[{"role": "assistant", "content": "..."}]``); both are handled.

Columns read (STVQA-7K / SpatialThinker-J names):

* the ground truth: ``ground_truth`` if the data set has it, else ``answer_option_text``
  (``<scene>{...}</scene>\\n<answer>(B) behind</answer>``), else ``solution``;
* the problem, for the image size (``Image size: (W x H)``) the dense reward needs: ``problem``;
  without that column, the text of the prompt (its last user message) is used, so a prompt built
  from ``problem`` carries the size either way.

The function returns the overall reward (a float per completion). TRL logs it as
``rewards/spatialthinker_reward``. When TRL passes ``log_metric`` (recent GRPOTrainer), the mean of
each component over the batch is logged with it as ``spatialthinker/format``,
``spatialthinker/count``, ``spatialthinker/accuracy`` and ``spatialthinker/spatial``, averaged per
logging step like TRL's own metrics.

A refused batch (for example a problem without ``Image size: (W x H)`` under the dense reward)
raises ``SpatialThinkerRewardError`` with the service's reason, e.g. ``records[0]: problem: no
'Image size: (W x H)'``.

Environment: ``SPATIALTHINKER_REWARD_URL`` (default http://127.0.0.1:8000), ``SPATIALTHINKER_REWARD``
(``dense``/``sparse``; default: the service's), ``SPATIALTHINKER_REWARD_TIMEOUT`` (seconds).
Python standard library only.
"""

import json
import os
import time
import urllib.error
import urllib.request
from typing import Any, List, Optional

# --- HTTP client (the same block is in each adapter, so that each file stands alone) ---------

DEFAULT_URL = "http://127.0.0.1:8000"
# The service refuses bodies over 32 MiB by default; batches are split well below that.
_MAX_REQUEST_BYTES = int(os.environ.get("SPATIALTHINKER_REWARD_MAX_REQUEST_BYTES", str(8 << 20)))


class SpatialThinkerRewardError(RuntimeError):
    """The reward service could not be reached, or it refused the request.

    ``status`` is the HTTP status the service answered, None when it did not answer.
    """

    def __init__(self, message: str, status: Optional[int] = None):
        super().__init__(message)
        self.status = status


# Direct connections only: an http_proxy set for the cluster must not capture calls to the service.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _base_url(url: Optional[str]) -> str:
    return (url or os.environ.get("SPATIALTHINKER_REWARD_URL") or DEFAULT_URL).rstrip("/")


def _timeout(timeout: Optional[float]) -> float:
    if timeout is not None:
        return float(timeout)
    return float(os.environ.get("SPATIALTHINKER_REWARD_TIMEOUT", "120"))


def _post(url: str, body: dict, timeout: float, retries: int = 3) -> dict:
    data = json.dumps(body).encode("utf-8")
    for attempt in range(retries + 1):
        request = urllib.request.Request(
            url, data=data, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")
            try:
                detail = json.loads(detail).get("error", detail)
            except ValueError:
                pass
            if e.code < 500 or attempt == retries:
                raise SpatialThinkerRewardError(
                    f"reward service at {url} answered {e.code}: {detail}", e.code
                ) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            if isinstance(reason, TimeoutError) or isinstance(e, TimeoutError):
                raise SpatialThinkerRewardError(
                    f"reward service at {url} did not answer within {timeout:g} s; "
                    "raise SPATIALTHINKER_REWARD_TIMEOUT or send smaller batches"
                ) from None
            if attempt == retries:
                raise SpatialThinkerRewardError(
                    f"cannot reach the SpatialThinker reward service at {url} ({reason}). "
                    "Start it with `spatialthinker reward serve --port 8000` and point "
                    "SPATIALTHINKER_REWARD_URL at it (e.g. http://127.0.0.1:8000)."
                ) from None
        time.sleep(0.5 * 2**attempt)
    raise AssertionError("unreachable")


def score_records(
    records: List[dict],
    reward: Optional[str] = None,
    url: Optional[str] = None,
    timeout: Optional[float] = None,
) -> List[dict]:
    """Scores reward records ({response, ground_truth, problem}) with POST /v1/rewards.

    Returns one {overall, format, count, accuracy, spatial} dict per record, in order. Large
    batches go out as several requests of at most SPATIALTHINKER_REWARD_MAX_REQUEST_BYTES.
    """
    reward = reward or os.environ.get("SPATIALTHINKER_REWARD") or None
    endpoint = _base_url(url) + "/v1/rewards"
    seconds = _timeout(timeout)
    scores: List[dict] = []
    chunk: List[dict] = []
    size = 0

    def flush() -> None:
        if not chunk:
            return
        body = {"records": chunk}
        if reward:
            body["reward"] = reward
        answer = _post(endpoint, body, seconds)
        got = answer.get("scores")
        if not isinstance(got, list) or len(got) != len(chunk):
            raise SpatialThinkerRewardError(
                f"reward service at {endpoint} returned {len(got or [])} scores for {len(chunk)} records"
            )
        scores.extend(got)

    for record in records:
        record_size = len(json.dumps(record).encode("utf-8")) + 1
        if chunk and size + record_size > _MAX_REQUEST_BYTES:
            flush()
            chunk, size = [], 0
        chunk.append(record)
        size += record_size
    flush()
    return scores


def problem_from_size(width, height) -> str:
    """A minimal problem text carrying the image size the dense reward reads."""
    return f"Image size: ({int(width)} x {int(height)})"


# --- end of HTTP client ----------------------------------------------------------------------


_GROUND_TRUTH_COLUMNS = ("ground_truth", "answer_option_text", "solution")
_LOGGED_COMPONENTS = ("format", "count", "accuracy", "spatial")


def _text(content: Any) -> str:
    """Text of a message content: a string, or a list of parts ({"type": "text", "text": ...})."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            part.get("text", "") for part in content if isinstance(part, dict) and part.get("type") == "text"
        )
    return "" if content is None else str(content)


def _completion_text(completion: Any) -> str:
    if isinstance(completion, list):
        assistant = [m for m in completion if isinstance(m, dict) and m.get("role", "assistant") == "assistant"]
        return _text(assistant[-1].get("content")) if assistant else ""
    return _text(completion)


def _prompt_text(prompt: Any) -> str:
    if isinstance(prompt, list):
        users = [m for m in prompt if isinstance(m, dict) and m.get("role") == "user"]
        return _text(users[-1].get("content")) if users else ""
    return _text(prompt)


def spatialthinker_reward(
    completions: List[Any], prompts: Optional[List[Any]] = None, **kwargs: Any
) -> List[float]:
    """GRPOTrainer reward function: the SpatialThinker reward of each completion."""
    n = len(completions)
    truths = next((kwargs[c] for c in _GROUND_TRUTH_COLUMNS if kwargs.get(c) is not None), None)
    if truths is None:
        raise ValueError(
            "spatialthinker_reward needs a ground-truth column: one of " + ", ".join(_GROUND_TRUTH_COLUMNS)
        )
    problems = kwargs.get("problem")
    if problems is None:
        problems = [_prompt_text(p) for p in prompts] if prompts is not None else [""] * n
    if not (len(truths) == len(problems) == n):
        raise ValueError(
            f"spatialthinker_reward got {n} completions, {len(truths)} ground truths, {len(problems)} problems"
        )
    records = [
        {"response": _completion_text(c), "ground_truth": str(t), "problem": str(p or "")}
        for c, t, p in zip(completions, truths, problems)
    ]
    scores = score_records(records)
    log_metric = kwargs.get("log_metric")
    if callable(log_metric) and scores:
        for component in _LOGGED_COMPONENTS:
            log_metric(f"spatialthinker/{component}", sum(float(s[component]) for s in scores) / len(scores))
    return [float(s["overall"]) for s in scores]


# The name the integration guide uses; GRPOTrainer logs the function's __name__.
reward = spatialthinker_reward
