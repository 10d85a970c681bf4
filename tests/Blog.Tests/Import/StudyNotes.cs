namespace Blog.Tests.Import;

/// <summary>The kind of text the importer meets: Chinese notes with English terms, LaTeX and Python.</summary>
public static class StudyNotes
{
    public const string Body = """
        缩放点积注意力（Scaled Dot-Product Attention）的核心公式是 $\mathrm{softmax}(QK^T / \sqrt{d_k})V$。

        $$
        \text{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right)V
        $$

        ## 1. PyTorch 实现

        ```python
        import torch

        def attention(q, k, v):
            scores = q @ k.transpose(-2, -1) / q.size(-1) ** 0.5
            return torch.softmax(scores, dim=-1) @ v
        ```

        除以 $\sqrt{d_k}$ 是为了防止点积过大导致 softmax 梯度消失。
        """;

    public static string WithFrontMatter(string frontMatter, string body = Body) => $"---\n{frontMatter.Trim()}\n---\n\n{body}\n";
}
