using Blog.Search;

namespace Blog.Tests.Search;

public class ChineseVariantsTests
{
    [Theory]
    [InlineData("機器學習中的注意力機制：從點積到多頭", "zh-Hant")]
    [InlineData("机器学习中的注意力机制：从点积到多头", "zh-Hans")]
    // English terms, formulas and characters both scripts share say nothing either way.
    [InlineData("LoRA 低秩適配：$W = W_0 + BA$，參數量少", "zh-Hant")]
    [InlineData("Python 中的 DataLoader", "zh-Hans")]
    [InlineData("", "zh-Hans")]
    public void DetectScript_CountsCharactersOnlyOneScriptUses(string text, string expected) =>
        Assert.Equal(expected, ChineseVariants.DetectScript(text));
}
