"""SpatialThinker reward for veRL, computed by the SpatialThinker-J reward service.

Under veRL's default reward loop (``reward_model.use_reward_loop=true``, manager ``naive``), which
calls the function once per response, in an executor thread, concurrently over the batch:

    custom_reward_function.path=/abs/path/integrations/verl/spatialthinker_reward.py
    custom_reward_function.name=compute_score

With the legacy reward managers (``reward_model.use_reward_loop=false``): ``naive`` with
``compute_score`` as above, or ``batch`` (one HTTP request per training batch) with

    reward_model.use_reward_loop=false
    reward_model.reward_manager=batch
    custom_reward_function.name=compute_score_batch

The reward loop knows no ``batch`` manager (``Unknown reward manager: batch``) and calls every
function with ``solution_str=``, so ``compute_score_batch`` works with the legacy managers only.

veRL passes ``data_source``, ``solution_str`` (the decoded response), ``ground_truth`` (the
parquet's ``reward_model.ground_truth``, e.g. STVQA-7K's ``answer_option_text``) and ``extra_info``
(the parquet's ``extra_info`` dict, per row). The image size reaches the dense reward through
``extra_info``, first match wins:

* ``extra_info["problem"]``: the SpatialThinker prompt, holding ``Image size: (W x H)``;
* ``extra_info["question"]`` when it holds ``Image size:`` (veRL's example preprocessing scripts
  keep the question there);
* ``extra_info["width"]`` and ``extra_info["height"]`` (or ``image_width``/``image_height``);
* ``extra_info["image_size"]`` as ``[W, H]`` or ``"WxH"``.

Without any of them the problem is sent empty: the sparse reward does not need it, the dense one
refuses the record and this function raises with the service's message.

Each call returns a dict: ``score`` (the reward veRL trains on) and ``format``, ``count``,
``accuracy``, ``spatial``, which veRL collects as ``reward_extra_info``. Keyword arguments from
``custom_reward_function.reward_kwargs``: ``reward`` (``dense``/``sparse``; default: the service's),
``url``, ``timeout``. Environment: ``SPATIALTHINKER_REWARD_URL`` (default http://127.0.0.1:8000),
``SPATIALTHINKER_REWARD``, ``SPATIALTHINKER_REWARD_TIMEOUT``. Python standard library only.
"""

import json
import os
import time
import urllib.error
import urllib.request
from typing import Any, Dict, List, Optional

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


def problem_from_extra_info(extra_info: Optional[Dict[str, Any]]) -> str:
    """The problem text for one row: extra_info's problem, else one built from its image size."""
    if not extra_info:
        return ""
    problem = extra_info.get("problem")
    if isinstance(problem, str) and problem:
        return problem
    question = extra_info.get("question")  # veRL's own preprocessing scripts keep the prompt here
    if isinstance(question, str) and "Image size:" in question:
        return question
    for w_key, h_key in (("width", "height"), ("image_width", "image_height")):
        if extra_info.get(w_key) is not None and extra_info.get(h_key) is not None:
            return problem_from_size(extra_info[w_key], extra_info[h_key])
    size = extra_info.get("image_size")
    if isinstance(size, (list, tuple)) and len(size) == 2:
        return problem_from_size(size[0], size[1])
    if isinstance(size, str) and "x" in size.lower():
        width, height = size.lower().replace(" ", "").split("x", 1)
        return problem_from_size(width, height)
    return ""


def _as_result(score: Dict[str, Any]) -> Dict[str, float]:
    return {
        "score": float(score["overall"]),
        "format": float(score["format"]),
        "count": float(score["count"]),
        "accuracy": float(score["accuracy"]),
        "spatial": float(score["spatial"]),
    }


def compute_score_batch(
    data_sources: List[Any],
    solution_strs: List[str],
    ground_truths: List[Any],
    extra_infos: List[Optional[Dict[str, Any]]],
    reward: Optional[str] = None,
    url: Optional[str] = None,
    timeout: Optional[float] = None,
    **kwargs: Any,
) -> List[Dict[str, float]]:
    """veRL batch reward function (reward_model.reward_manager=batch)."""
    del data_sources, kwargs  # one reward for every source; extra keyword arguments are ignored
    records = [
        {"response": solution, "ground_truth": str(truth), "problem": problem_from_extra_info(extra)}
        for solution, truth, extra in zip(solution_strs, ground_truths, extra_infos)
    ]
    return [_as_result(s) for s in score_records(records, reward=reward, url=url, timeout=timeout)]


def compute_score(
    data_source: Any,
    solution_str: str,
    ground_truth: Any,
    extra_info: Optional[Dict[str, Any]] = None,
    reward: Optional[str] = None,
    url: Optional[str] = None,
    timeout: Optional[float] = None,
    **kwargs: Any,
) -> Dict[str, float]:
    """veRL reward function for one response (the default naive reward manager)."""
    return compute_score_batch(
        [data_source], [solution_str], [ground_truth], [extra_info], reward, url, timeout, **kwargs
    )[0]
