namespace Blog.BrowserTests.Infrastructure;

/// <summary>
/// The notes every test class's site holds: a long Transformer note with every kind of math, a
/// Python block, a wide table and a very long formula; and a Python note with code but no math.
/// </summary>
public static class StudyNotes
{
    public const string MathSlug = "transformer-attention";
    public const string MathTitle = "Transformer 注意力机制学习笔记";
    public const string PlainSlug = "pytorch-dataloader";
    public const string PlainTitle = "PyTorch DataLoader 多进程加载笔记";
    public const string MathCategory = "large-model";

    /// <summary>
    /// The formulas in <see cref="MathMarkdown"/>, in order: d_model, h, d_k (intro); Attention ($$ block),
    /// h, MultiHead (\[ \]), the long objective ($$ block) (method); the betas, eta, the table's two
    /// headers (training); O(n^2 d) (inference); O(n^2) (conclusion).
    /// </summary>
    public const int MathFormulaCount = 13;

    /// <summary>The anchors the pipeline gives the numbered headings (CJK kept, may start with a digit).</summary>
    public static readonly (string Text, string Anchor)[] MathHeadings =
    [
        ("1. 引言", "1-引言"),
        ("2. 方法", "2-方法"),
        ("2.1 训练", "2-1-训练"),
        ("2.2 推理", "2-2-推理"),
        ("3. 结论", "3-结论"),
    ];

    public const string MathPath = "/posts/" + MathSlug;
    public const string PlainPath = "/posts/" + PlainSlug;

    public const int WideImageWidth = 1600;

    public static async Task SeedAsync(BlogServer server)
    {
        // A wide diagram in the intro, uploaded as a pasted screenshot would be.
        var image = await server.SaveImageAsync(WidePng.Create(WideImageWidth, 300), "attention-heatmap.png");
        await server.AddPostAsync(PlainTitle, PlainSlug, PlainMarkdown, "python", DateTime.UtcNow.AddDays(-2));
        await server.AddPostAsync(MathTitle, MathSlug, MathMarkdown(image), MathCategory, DateTime.UtcNow.AddDays(-1));
    }

    // Enough prose between headings that jumping to one really scrolls, on a phone and a desktop.
    private static string Prose(string topic, int paragraphs) => string.Join("\n\n", Enumerable.Range(1, paragraphs).Select(i =>
        $"关于{topic}的第 {i} 点：在实际训练 **Transformer** 时，我们发现 batch size、learning rate warmup 和 "
        + "gradient clipping 三者之间存在明显的相互作用。较大的 batch 需要更长的 warmup，否则 loss 会在前几百步剧烈震荡；"
        + "而过小的 clipping 阈值又会让模型收敛变慢。这里记录的是在单机八卡 A100 上复现 base 模型时的观察，"
        + "数据集为 WMT14 英德翻译，tokenizer 使用 SentencePiece（BPE，词表大小 32000）。"));

    public static string MathMarkdown(string imageUrl) => $$$""""
        本文整理 **Transformer** 中注意力机制（attention mechanism）的学习笔记：公式推导、Python 实现和实验记录。

        ## 1. 引言

        原论文中模型维度为 $d_{\text{model}} = 512$，注意力头数为 \(h = 8\)，因此每个头的维度是 $d_k = d_{\text{model}} / h = 64$。

        ![注意力权重热力图]({{{imageUrl}}})

        {{{Prose("序列建模", 3)}}}

        ## 2. 方法

        缩放点积注意力（scaled dot-product attention）定义为：

        $$
        \mathrm{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V
        $$

        多头注意力把 $h$ 个头的输出拼接后再做一次线性变换：

        \[ \mathrm{MultiHead}(Q, K, V) = \mathrm{Concat}(\mathrm{head}_1, \dots, \mathrm{head}_h) W^O \]

        带正则项和 KL 约束的完整训练目标很长，手机上应当可以横向滚动它，而不是撑宽整个页面：

        $$
        \mathcal{L}(\theta) = -\sum_{i=1}^{N} \sum_{t=1}^{T} \log p_\theta\left(y_{i,t} \mid y_{i,<t}, x_i\right) + \lambda_1 \lVert \theta \rVert_2^2 + \lambda_2 \sum_{l=1}^{L} \lVert W_l^{Q} \rVert_F^2 + \lambda_3 \sum_{l=1}^{L} \lVert W_l^{K} \rVert_F^2 + \lambda_4 \sum_{l=1}^{L} \lVert W_l^{V} \rVert_F^2 + \lambda_5 \sum_{l=1}^{L} \lVert W_l^{O} \rVert_F^2 + \beta\, \mathrm{KL}\left(q_\phi(z \mid x) \,\Vert\, p(z)\right) + \gamma \sum_{k=1}^{K} \left(\frac{\exp(s_k / \tau)}{\sum_{j=1}^{K} \exp(s_j / \tau)}\right)^2
        $$

        {{{Prose("注意力", 2)}}}

        ### 2.1 训练

        优化器使用 Adam，$\beta_1 = 0.9, \beta_2 = 0.98$，学习率按 warmup 调度，峰值约为 $\eta = 7 \times 10^{-4}$。

        ```python
        import math
        import torch
        import torch.nn.functional as F

        def scaled_dot_product_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
            """缩放点积注意力：softmax(QK^T / sqrt(d_k)) V。"""
            d_k = q.size(-1)
            scores = q @ k.transpose(-2, -1) / math.sqrt(d_k)
            if mask is not None:
                scores = scores.masked_fill(mask == 0, float("-inf"))
            return F.softmax(scores, dim=-1) @ v
        ```

        不同配置的实验记录如下（表格很宽，手机上应在表格内部横向滚动）：

        | 模型 | 层数 | $d_{\text{model}}$ | 头数 | $d_k$ | FFN 维度 | 参数量 | 数据集 | BLEU | 训练步数 | 峰值学习率 | 批大小 | 备注 |
        |---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|
        | Transformer-base | 6 | 512 | 8 | 64 | 2048 | 65M | WMT14 En-De | 27.3 | 100k | 7e-4 | 25000 tokens | 原论文设置 |
        | Transformer-big | 6 | 1024 | 16 | 64 | 4096 | 213M | WMT14 En-De | 28.4 | 300k | 5e-4 | 25000 tokens | dropout 0.3 |
        | 复现-base | 6 | 512 | 8 | 64 | 2048 | 65M | WMT14 En-De | 26.9 | 100k | 7e-4 | 32000 tokens | 单机八卡 A100 |

        {{{Prose("训练稳定性", 3)}}}

        ### 2.2 推理

        自回归解码时每一步都要对全部历史做注意力，朴素实现的复杂度是 \(O(n^2 d)\)，KV cache 可以避免重复计算。

        {{{Prose("推理加速", 3)}}}

        ## 3. 结论

        注意力的计算和显存开销都是 $\mathcal{O}(n^2)$，长序列场景需要稀疏注意力或 FlashAttention 一类的实现。

        {{{Prose("总结", 3)}}}
        """";

    public static readonly string PlainMarkdown = """
        `DataLoader` 的 `num_workers` 大于 0 时，每个 worker 是一个独立进程，数据集对象会被复制到每个进程中。

        ## 1. 问题

        在 Linux 上默认使用 fork 启动 worker，如果数据集里持有打开的文件句柄或 LMDB 环境，就可能在多个进程之间共享而出错。

        ## 2. 做法

        ```python
        from torch.utils.data import DataLoader, get_worker_info

        def worker_init_fn(worker_id: int) -> None:
            info = get_worker_info()
            info.dataset.open()  # 每个 worker 自己打开文件

        loader = DataLoader(dataset, batch_size=64, num_workers=4, worker_init_fn=worker_init_fn, persistent_workers=True)
        ```

        ## 3. 小结

        把“打开资源”推迟到 worker 内部，是多进程加载最稳妥的写法。
        """;
}
