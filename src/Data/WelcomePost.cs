namespace Blog.Data;

/// <summary>The first post of a fresh install: it shows what the editor and the reader can do.</summary>
internal static class WelcomePost
{
    public const string Title = "欢迎来到你的学习笔记";
    public const string Slug = "welcome";

    public const string Markdown = """"
        这是一篇示例笔记，展示本站能渲染的内容：中文与 English 混排、LaTeX 公式、Python 代码和表格。登录后台（`/admin`）即可编辑或删除它。

        ## 1. 公式

        行内公式写在美元符号之间，例如注意力的缩放因子 $\frac{1}{\sqrt{d_k}}$，也可以写成 \(x_i^*\)。独立公式：

        $$
        \mathrm{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V
        $$

        ## 2. 代码

        ```python
        import torch
        import torch.nn as nn

        class LoRALinear(nn.Module):
            """低秩适配：W + BA，只训练 A 和 B。"""
            def __init__(self, d_in: int, d_out: int, r: int = 8):
                super().__init__()
                self.base = nn.Linear(d_in, d_out)
                self.A = nn.Parameter(torch.randn(r, d_in) * 0.01)
                self.B = nn.Parameter(torch.zeros(d_out, r))

            def forward(self, x):
                return self.base(x) + x @ self.A.T @ self.B.T
        ```

        ## 3. 表格

        | 方法 | 可训练参数 | 显存占用 |
        |---|---:|---:|
        | 全量微调 | 100% | 高 |
        | LoRA ($r=8$) | 约 0.1% | 低 |
        | Prompt Tuning | 约 0.01% | 最低 |

        ## 4. 其他

        - [x] 任务列表
        - [ ] ~~删除线~~
        - 脚注也可以用[^1]

        [^1]: 脚注的内容显示在文章末尾。
        """";
}
