#!/usr/bin/env python3
"""Writes COUNT study notes (Hexo front matter, Chinese and English, math, code, a table; every
tenth with a screenshot beside it) into FOLDER, for the fault and load scripts. Deterministic."""
import random
import struct
import sys
import zlib
from pathlib import Path


def png(seed: int) -> bytes:
    """A small PNG of one colour: different notes, different images."""
    r, g, b = (seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256
    raw = b"".join(b"\x00" + bytes([r, g, b]) * 8 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


TOPICS = ["注意力机制", "扩散模型", "LoRA 微调", "梯度裁剪", "KV cache", "BPE 分词", "混合精度训练", "RLHF"]
CATEGORIES = ["Large Model", "Generative Model", "Python"]


def note(i: int, rng: random.Random) -> str:
    topic = rng.choice(TOPICS)
    paragraphs = []
    for p in range(rng.randint(3, 6)):
        paragraphs.append(
            f"关于{topic}的第 {p + 1} 点：训练 **Transformer** 时 batch size 与 learning rate warmup 相互影响，"
            f"公式 $\\eta_t = \\eta_0 \\min(t^{{-0.5}}, t \\cdot w^{{-1.5}})$ 给出调度。")
    body = "\n\n".join(paragraphs)
    image = f"\n\n![截图](images/note-{i:05d}.png)\n" if i % 10 == 0 else ""
    return (f"---\ntitle: \"{topic} 笔记 {i:05d}\"\ndate: 2024-{1 + i % 12:02d}-{1 + i % 28:02d} 09:{i % 60:02d}:00\n"
            f"categories: {rng.choice(CATEGORIES)}\ntags: [{topic}, note-{i % 50}]\n---\n\n"
            f"## 1. 背景\n\n{body}\n\n$$\n\\mathrm{{Attention}}(Q,K,V) = \\mathrm{{softmax}}\\left(\\frac{{QK^\\top}}{{\\sqrt{{d_k}}}}\\right)V\n$$\n\n"
            f"```python\nimport torch\nx = torch.randn({i % 7 + 1}, 64)\n```\n\n| 模型 | 参数 |\n|---|---|\n| base | {i}M |\n{image}")


def main() -> None:
    count, folder = int(sys.argv[1]), Path(sys.argv[2])
    (folder / "images").mkdir(parents=True, exist_ok=True)
    for i in range(1, count + 1):
        rng = random.Random(i)
        (folder / f"note-{i:05d}.md").write_text(note(i, rng), encoding="utf-8")
        if i % 10 == 0:
            (folder / "images" / f"note-{i:05d}.png").write_bytes(png(i))


if __name__ == "__main__":
    main()
