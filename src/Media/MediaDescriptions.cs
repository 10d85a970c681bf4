using Blog.Content;
using Blog.Data;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Media;

public static class MediaDescriptions
{
    /// <summary>
    /// Sets an image's description and renders again the posts that show it, so that where a note
    /// gives the image no alt text of its own (or only a file name) readers now get this one.
    /// Returns the number of posts rendered again.
    /// </summary>
    public static async Task<int> DescribeAsync(this BlogDbContext db, Data.Media media, string? description,
        MarkdownRenderer renderer, MediaCatalog catalog, MediaFolder folder, CancellationToken cancellationToken)
    {
        media.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim().ReplaceLineEndings(" ");
        if (media.Width is null && folder.PathOf(media.FileName) is { } path && ImageProbe.OfFile(path) is { } size)
            (media.Width, media.Height) = (size.Width, size.Height);
        // Before rendering: the renderer takes the description from the catalog.
        catalog.Remember(media);

        var url = Links.Media(media.FileName);
        var posts = await db.Posts.Where(p => p.Markdown.Contains(url)).ToListAsync(cancellationToken);
        foreach (var post in posts)
            post.ApplyRender(renderer.Render(post.Markdown));
        await db.SaveChangesAsync(cancellationToken);
        return posts.Count;
    }
}
