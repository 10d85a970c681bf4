using Blog.Search;

namespace Blog.Tests.Search;

public class SearchQueryTests
{
    [Theory]
    [InlineData("幻觉", "{title_bi bi} : \"幻觉\"")]
    [InlineData("熵", "{title_uni uni} : \"熵\"")]
    [InlineData("低秩适配", "{title_bi bi} : \"低秩 秩适 适配\"")]
    [InlineData("nn.Module", "{title_bi bi} : \"nn module\"")]
    [InlineData("LoRA 低秩", "{title_bi bi} : \"lora\" AND {title_bi bi} : \"低秩\"")]
    [InlineData("幻覺", "{title_bi bi} : \"幻觉\"")]
    [InlineData("a\"b", "{title_bi bi} : \"a\" AND {title_bi bi} : \"b\"")]
    public void Parse_BuildsQuotedTokenPhrases(string query, string expected)
    {
        Assert.Equal(expected, SearchQuery.Parse(query).FtsExpression);
    }

    [Theory]
    [InlineData("熵 低秩", "title_uni : \"熵\" AND title_bi : \"低秩\"")]
    public void Parse_AlsoBuildsTheTitleOnlyExpression(string query, string expected)
    {
        Assert.Equal(expected, SearchQuery.Parse(query).FtsTitleExpression);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*^-:()")]
    [InlineData("！？")]
    public void Parse_OfNothingSearchable_HasNoExpression(string query)
    {
        Assert.Null(SearchQuery.Parse(query).FtsExpression);
    }

    [Fact]
    public void Tokens_MixChineseBigramsAndLatinWords()
    {
        Assert.Equal("lora 低秩 秩适 适配 w 0 ", SearchTokens.Bigrams(ChineseVariants.Fold("LoRA低秩适配：W_0")));
        Assert.Equal("lora 低 秩 ", SearchTokens.Unigrams(ChineseVariants.Fold("LoRA 低秩")));
    }

    [Fact]
    public void Tokens_KeepCharactersOutsideTheBasicPlaneWhole_AndSplitAtPunctuationAndBrokenText()
    {
        // 𠮷 is one character written as two UTF-16 units; a lone surrogate is no character at all.
        Assert.Equal("𠮷野 野家 a1 学 ", SearchTokens.Bigrams("𠮷野家，a1\ud800学"));
        Assert.Equal("𠮷 野 家 a1 学 ", SearchTokens.Unigrams("𠮷野家，a1\ud800学"));
        Assert.Equal([(true, "𠮷野家"), (false, "a1"), (true, "学")], SearchTokens.Segments("𠮷野家，a1\ud800学"));
    }
}
