using Blog.Content;
using Blog.Data;
using Blog.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

/// <summary>What a save of a post sets, as the editor's form or an imported note gives it.</summary>
/// <param name="Slug">Already unique (<see cref="PostSlugs.UniqueAsync"/>); the old one redirects to it once the post has been public.</param>
/// <param name="Language">zh-Hans or zh-Hant when chosen; anything else lets each render detect it.</param>
public sealed record PostEdit(string Title, string Markdown, string Slug, string? Summary, Category? Category, IReadOnlyList<Tag> Tags, string? Language);

/// <summary>
/// The one write path for posts, used by the editor and both imports: the part of a save that
/// needs the database (old-slug redirects, tags, categories) beside <see cref="Post"/>'s own
/// methods. A save reads, top to bottom: <see cref="ApplyAsync"/> (text, keeping the previous as a
/// revision; slug; fields; tags), then the publication (<see cref="Post.Publish"/>,
/// <see cref="Post.Schedule"/>, <see cref="Post.Unpublish"/>), then <see cref="Post.CompleteSave"/>
/// and the caller's SaveChanges. Nothing here saves: changes are tracked, so they commit together.
/// </summary>
public sealed class PostWriter(BlogDbContext db)
{
    /// <summary>Stages the edit on the post (added to the context when new); publication and <see cref="Post.CompleteSave"/> follow.</summary>
    public async Task ApplyAsync(Post post, PostEdit edit, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (post.Id == 0 && db.Entry(post).State == EntityState.Detached)
            db.Posts.Add(post);
        post.ReplaceText(edit.Title, edit.Markdown);
        // Before any change of publication: whether the old slug was ever public decides its redirect.
        await RenameAsync(post, edit.Slug, nowUtc, cancellationToken);
        post.Summary = edit.Summary;
        post.Category = edit.Category;
        post.ChooseLanguage(edit.Language);
        post.Tags.RemoveAll(t => !edit.Tags.Contains(t));
        post.Tags.AddRange(edit.Tags.Where(t => !post.Tags.Contains(t)));
    }

    /// <summary>
    /// Gives the post a new slug. Once the post has been public its old URL keeps answering, with
    /// a 301 to the new one, as a renamed category's or tag's does (<see cref="SlugRedirects"/>);
    /// either way a redirect from the new slug goes, since that slug is live now.
    /// </summary>
    public async Task RenameAsync(Post post, string slug, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (post.Slug == slug)
            return;
        if (post.Rename(slug, nowUtc) is { } redirected)
            await db.RecordRenameAsync(RedirectKind.Post, post.Id, redirected, slug, cancellationToken);
        else
            await db.ForgetRedirectAsync(RedirectKind.Post, slug, cancellationToken);
    }

    /// <summary>
    /// The tags for these names (see <see cref="PostTags.Clean"/>): an existing tag of the same name
    /// (any case) or slug is reused, others are created. A new tag whose slug another tag already has
    /// ("C" and "C++" both slug to "c") gets a numbered slug instead of being merged into the other tag.
    /// </summary>
    public async Task<List<Tag>> TagsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        (await TagForEachAsync(names, cancellationToken)).Distinct().ToList();

    /// <summary>As <see cref="TagsAsync"/>, the tag of each name in its place (two names may have one tag: "C#" and "c#").</summary>
    public async Task<Tag[]> TagForEachAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var nameList = names.ToArray();
        var lowered = names.Select(n => n.ToLowerInvariant()).ToArray();
        var slugs = names.Select(n => Slugs.FromTitle(n, "tag")).ToArray();
        // One query for every name: the same name (as typed, or in any case) or the same slug.
        var candidates = await db.Tags
            .Where(t => nameList.Contains(t.Name) || lowered.Contains(t.Name.ToLower()) || slugs.Contains(t.Slug))
            .ToListAsync(cancellationToken);
        var tags = new Tag[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var tag = candidates.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? candidates.FirstOrDefault(t => t.Slug == slugs[i] && SameWords(t.Name, name));
            if (tag is null)
            {
                tag = new Tag { Name = name, Slug = await UniqueTagSlugAsync(slugs[i], candidates, cancellationToken) };
                db.Tags.Add(tag);
                candidates.Add(tag);
            }
            tags[i] = tag;
        }
        return tags;
    }

    /// <summary>An existing category with this name (any case) or slug, or a new one at the end of the list; none for no name.</summary>
    public async Task<Category?> CategoryAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        name = name.Trim();
        var slug = Slugs.FromTitle(name, "category");
        var lower = name.ToLowerInvariant();
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Name.ToLower() == lower || c.Slug == slug, cancellationToken);
        if (category is not null)
            return category;

        var order = await db.Categories.MaxAsync(c => (int?)c.Order, cancellationToken) ?? 0;
        category = new Category { Name = name, Slug = slug, Order = order + 1 };
        db.Categories.Add(category);
        return category;
    }

    /// <summary>
    /// Deletes posts for good, with what exists only for them: revisions and tag links (by their
    /// foreign keys' cascade) and the old slugs that redirected to them. One tracked SaveChanges,
    /// so it is atomic and what a save sets off (search index, page cache) sees it.
    /// </summary>
    /// <returns>How many posts were deleted.</returns>
    public async Task<int> DeleteForeverAsync(IQueryable<Post> posts, CancellationToken cancellationToken)
    {
        var doomed = await posts.ToListAsync(cancellationToken);
        if (doomed.Count == 0)
            return 0;

        var ids = doomed.Select(p => p.Id).ToList();
        db.SlugRedirects.RemoveRange(await db.SlugRedirects
            .Where(r => r.Kind == RedirectKind.Post && ids.Contains(r.TargetId)).ToListAsync(cancellationToken));
        db.Posts.RemoveRange(doomed);
        await db.SaveChangesAsync(cancellationToken);
        return doomed.Count;
    }

    /// <summary>"Machine Learning" and "machine-learning" are one tag; "C" and "C++" are not.</summary>
    private static bool SameWords(string a, string b) =>
        Slugs.Normalize(a, lowercase: true) == Slugs.Normalize(b, lowercase: true) && Letters(a) == Letters(b);

    private static string Letters(string s) => new(s.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '_').Select(char.ToLowerInvariant).ToArray());

    private async Task<string> UniqueTagSlugAsync(string slug, List<Tag> known, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? slug : $"{slug}-{n}";
            if (known.All(t => t.Slug != candidate) && !await db.Tags.AnyAsync(t => t.Slug == candidate, cancellationToken))
                return candidate;
        }
    }
}
