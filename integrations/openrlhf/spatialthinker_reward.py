"""SpatialThinker reward for OpenRLHF as a reward-function file, computed by the reward service.

OpenRLHF can post to the service itself (``--reward.remote_url http://HOST:8000/get_reward``), but
its HTTP client keeps only the status line of a refused request (``400, message='Bad Request'``)
and retries it five times. Given this file instead,

    --reward.remote_url /abs/path/integrations/openrlhf/spatialthinker_reward.py

OpenRLHF calls ``reward_func(queries, prompts, labels)`` in its rollout workers; this function posts
the same ``{"query", "prompts", "labels"}`` body to ``POST /get_reward`` and returns the service's
answer (``rewards``, ``scores``, ``extra_logs`` with format, count, accuracy, spatial). A refused
request raises at once with the service's reason (e.g. ``item 0 (query[0], labels[0]): problem: no
'Image size: (W x H)'``), which OpenRLHF logs as ``Failed to fetch reward from remote RM: ...``.

Environment (set where the rollout workers run): ``SPATIALTHINKER_REWARD_URL`` (default
http://127.0.0.1:8000), ``SPATIALTHINKER_REWARD_TIMEOUT`` (seconds). The service scores with its
default reward (``reward serve --reward SPEC``). Python standard library only.
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


# --- end of HTTP client ----------------------------------------------------------------------


def reward_func(queries: List[str], prompts: List[str], labels: List[str]) -> dict:
    """OpenRLHF reward function: the service's /get_reward answer for these rollouts."""
    if not (len(queries) == len(prompts) == len(labels)):
        raise ValueError(
            f"reward_func got {len(queries)} queries, {len(prompts)} prompts, {len(labels)} labels"
        )
    endpoint = _base_url(None) + "/get_reward"
    body = {"query": list(queries), "prompts": list(prompts), "labels": list(labels)}
    answer = _post(endpoint, body, _timeout(None))
    rewards = answer.get("rewards")
    if not isinstance(rewards, list) or len(rewards) != len(queries):
        raise SpatialThinkerRewardError(
            f"reward service at {endpoint} returned {len(rewards or [])} rewards for {len(queries)} queries"
        )
    return answer
