"""Writes a SpatialThinker-J data set in the layout EasyR1 and the authors' fork load.

    python3 integrations/easyr1/prepare_data.py qa.parquet stvqa_easyr1/

reads the parquet file written by ``spatialthinker data synth`` (or ``data vg150``) and writes

* ``stvqa_easyr1/train-00000-of-00001.parquet`` and ``stvqa_easyr1/val-00000-of-00001.parquet``,
  one per value of the ``split`` column: EasyR1 reads every row of a file it is given, and the
  authors' fork loads ``DIR@train`` / ``DIR@val`` by these file names only;
* ``images`` as a list of one image per row (EasyR1 iterates over a row's images; the fork accepts
  a list too);
* a ``reward_target`` column, ``{"ground_truth": answer_option_text, "problem": problem}`` as JSON:
  EasyR1 hands a reward function only the response and the ``data.answer_key`` column, so naming
  this column as the answer key is how the problem, and with it ``Image size: (W x H)``, reaches
  the dense reward (integrations/easyr1/spatialthinker_reward.py unpacks it).

Every other column is kept unchanged, ``problem`` and ``answer_option_text`` included. Needs the
``datasets`` package, which EasyR1 already requires.
"""

import argparse
import json
import os
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="parquet file written by spatialthinker data synth")
    parser.add_argument("out", help="directory to write train-/val-00000-of-00001.parquet into")
    args = parser.parse_args(argv)

    from datasets import Image, Sequence, load_dataset

    if not os.path.isfile(args.input):
        print(f"prepare_data: {args.input}: no such file", file=sys.stderr)
        return 2
    ds = load_dataset("parquet", data_files=args.input, split="train")
    for column in ("problem", "answer_option_text", "images", "split"):
        if column not in ds.column_names:
            print(f"prepare_data: {args.input}: no '{column}' column", file=sys.stderr)
            return 2
    ds = ds.cast_column("images", Image(decode=False))
    features = ds.features.copy()
    features["images"] = Sequence(Image(decode=False))
    features["reward_target"] = ds.features["problem"]

    def convert(row):
        image = row["images"]
        return {
            "images": image if isinstance(image, list) else [image],
            "reward_target": json.dumps(
                {"ground_truth": row["answer_option_text"], "problem": row["problem"]}
            ),
        }

    ds = ds.map(convert, features=features)
    ds = ds.cast_column("images", Sequence(Image()))
    os.makedirs(args.out, exist_ok=True)
    for split in ("train", "val"):
        part = ds.filter(lambda row: row["split"] == split)
        path = os.path.join(args.out, f"{split}-00000-of-00001.parquet")
        part.to_parquet(path)
        print(f"wrote {len(part)} rows to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
