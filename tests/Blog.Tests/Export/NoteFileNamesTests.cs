using System.Text;
using Blog.Export;

namespace Blog.Tests.Export;

public class NoteFileNamesTests
{
    [Fact]
    public void For_PostWithoutASource_IsNamedAfterItsSlug()
    {
        Assert.Equal("注意力机制.md", new NoteFileNames().For(1, "注意力机制", sourceKey: null));
    }

    [Fact]
    public void For_ImportedPost_KeepsThePathItCameFrom()
    {
        Assert.Equal("ml/transformer/笔记.md", new NoteFileNames().For(1, "slug", "ml/transformer/笔记.md"));
    }

    [Theory]
    [InlineData("../escape.md")]
    [InlineData(".obsidian/app.md")]
    [InlineData("notes/a:b.md")]
    [InlineData("images/note.md")]
    [InlineData("notes/readme.txt")]
    public void For_SourcePathThatWouldNotReadBack_FallsBackToTheSlug(string sourceKey)
    {
        Assert.Equal("slug.md", new NoteFileNames().For(1, "slug", sourceKey));
    }

    [Theory]
    [InlineData("a:b*c?d", "a-b-c-d.md")]
    [InlineData("..hidden", "hidden.md")]
    [InlineData("trailing.", "trailing.md")]
    [InlineData("...", "post-7.md")]
    public void For_SlugThatIsNotAPortableFileName_IsMadeSafe(string slug, string expected)
    {
        Assert.Equal(expected, new NoteFileNames().For(7, slug, sourceKey: null));
    }

    [Fact]
    public void For_NamesDifferingOnlyInCase_AreMadeUnique()
    {
        var names = new NoteFileNames();

        Assert.Equal("transformer.md", names.For(1, "transformer", null));
        Assert.Equal("Transformer-2.md", names.For(2, "Transformer", null));
        Assert.Equal("transformer-3.md", names.For(3, "x", "transformer.md"));
    }

    [Fact]
    public void For_LongCjkSlug_FitsAFileNameInBytes()
    {
        var name = new NoteFileNames().For(1, new string('注', 200), null);

        Assert.InRange(Encoding.UTF8.GetByteCount(name), 10, 255);
        Assert.EndsWith("注.md", name);
    }
}
