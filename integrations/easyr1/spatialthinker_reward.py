"""SpatialThinker reward for EasyR1, computed by the SpatialThinker-J reward service.

Use it as EasyR1's custom reward function, by absolute path (EasyR1 resolves a relative one
against the working directory, which must also hold ``config=examples/config.yaml``):

    worker.reward.reward_function=/abs/path/integrations/easyr1/spatialthinker_reward.py:compute_score

EasyR1 calls a batch reward function with a list of dicts holding at least ``response``,
``response_length`` and ``ground_truth`` (the column named by ``data.answer_key``, e.g.
``answer_option_text``). Recent EasyR1 reads ``REWARD_TYPE`` from this module; older releases take
``worker.reward.reward_type=batch`` instead. Each dict becomes one reward record, sent in batches to
``POST /v1/rewards`` of the service at ``SPATIALTHINKER_REWARD_URL`` (default
http://127.0.0.1:8000); the answer is one dict per response with ``overall`` (the reward EasyR1
uses) and ``format``, ``count``, ``accuracy``, ``spatial`` (logged as metrics).

The dense reward needs the image size, ``Image size: (W x H)`` in the problem. EasyR1 removes the
prompt column from the batch and does not pass it to reward functions, so the problem reaches this
file in one of these ways, tried in order:

1. a ``problem`` key in the dict (an EasyR1 fork or a patched reward manager that forwards it);
2. a ground truth that is a JSON object ``{"ground_truth": "...", "problem": "..."}``: point
   ``data.answer_key`` at a column holding that JSON, such as the ``reward_target`` column that
   integrations/easyr1/prepare_data.py writes (see docs/integrations.md);
3. ``image_size="WxH"`` in ``worker.reward.reward_function_kwargs``, when every image has the
   same size (e.g. rendered scenes).

Without any of them the problem is sent empty: the sparse reward does not need it, the dense one
answers 400 and this function raises with the service's message.

Optional keyword arguments (``worker.reward.reward_function_kwargs``): ``reward`` (a reward name
the service knows, e.g. ``dense`` or ``sparse``; default: the service's), ``image_size``, ``url``,
``timeout`` (seconds). Environment: ``SPATIALTHINKER_REWARD_URL``, ``SPATIALTHINKER_REWARD``,
``SPATIALTHINKER_REWARD_TIMEOUT``. Python standard library only.
"""

import json
import os
import time
import urllib.error
import urllib.request
from typing import Any, Dict, List, Optional

REWARD_NAME = "spatialthinker"
REWARD_TYPE = "batch"

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


_COMPONENTS = ("overall", "format", "count", "accuracy", "spatial")


def _unpack(ground_truth: Any) -> Dict[str, str]:
    """Splits a JSON-packed ground truth {"ground_truth", "problem"}; a plain one passes through."""
    if isinstance(ground_truth, str) and ground_truth.lstrip().startswith("{"):
        try:
            packed = json.loads(ground_truth)
        except ValueError:
            packed = None
        if isinstance(packed, dict) and isinstance(packed.get("ground_truth"), str):
            return {"ground_truth": packed["ground_truth"], "problem": str(packed.get("problem", ""))}
    return {"ground_truth": str(ground_truth)}


def _parse_size(image_size: Any) -> str:
    if isinstance(image_size, (list, tuple)) and len(image_size) == 2:
        return problem_from_size(image_size[0], image_size[1])
    text = str(image_size).lower().replace(" ", "")
    for sep in ("x", ",", "*"):
        if sep in text:
            width, height = text.split(sep, 1)
            return problem_from_size(width, height)
    raise ValueError(f"image_size must look like '640x480', got {image_size!r}")


def compute_score(
    reward_inputs: List[Dict[str, Any]],
    reward: Optional[str] = None,
    image_size: Any = None,
    url: Optional[str] = None,
    timeout: Optional[float] = None,
) -> List[Dict[str, float]]:
    """EasyR1 batch reward function: one score dict per reward input, in order."""
    if not isinstance(reward_inputs, list):
        raise ValueError(
            "spatialthinker_reward.compute_score is a batch reward function: keep REWARD_TYPE = "
            "'batch' (or set worker.reward.reward_type=batch on older EasyR1)."
        )
    fallback = _parse_size(image_size) if image_size is not None else ""
    records = []
    missing = 0
    for item in reward_inputs:
        record = _unpack(item["ground_truth"])
        problem = item.get("problem") or record.get("problem") or fallback
        missing += 0 if problem else 1
        records.append(
            {"response": item["response"], "ground_truth": record["ground_truth"], "problem": problem}
        )
    try:
        scores = score_records(records, reward=reward, url=url, timeout=timeout)
    except SpatialThinkerRewardError as e:
        if missing and e.status == 400:
            raise SpatialThinkerRewardError(
                f"{e} ({missing} of {len(records)} records had no problem text: pass it as a "
                "'problem' key, a JSON-packed ground truth, or image_size in "
                "worker.reward.reward_function_kwargs; see the docstring of this file)",
                e.status,
            ) from None
        raise
    return [{key: float(score[key]) for key in _COMPONENTS} for score in scores]
