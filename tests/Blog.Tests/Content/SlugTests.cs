using Blog.Content;

namespace Blog.Tests.Content;

public class SlugTests
{
    [Theory]
    [InlineData("注意力机制笔记", "注意力机制笔记")]
    [InlineData("LoRA 低秩适配：原理与实践", "lora-低秩适配-原理与实践")]
    [InlineData("  Hello, World!  ", "hello-world")]
    [InlineData("!!!", "post")]
    public void FromTitle_KeepsReadableText(string title, string expected)
    {
        Assert.Equal(expected, Slugs.FromTitle(title));
    }

    [Fact]
    public void FromTitle_IsShortenedAtAHyphen()
    {
        var slug = Slugs.FromTitle(string.Join(' ', Enumerable.Repeat("attention", 30)));

        Assert.True(slug.Length <= 80);
        Assert.EndsWith("attention", slug);
    }

    [Theory]
    [InlineData("My-Post", "My-Post")]
    [InlineData("2024/05/notes", "2024-05-notes")]
    [InlineData("a b?c#d", "a-b-c-d")]
    public void Clean_KeepsTheAuthorsSlugButMakesItOnePathSegment(string given, string expected)
    {
        Assert.Equal(expected, Slugs.Clean(given));
    }
}
