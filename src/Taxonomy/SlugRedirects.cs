using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Taxonomy;

/// <summary>
/// Old slugs of renamed posts, categories and tags; the public pages answer them with 301 to the
/// target's current slug. Changes are tracked, so they commit with the caller's SaveChanges.
/// </summary>
public static class SlugRedirects
{
    /// <summary>The old slug now leads to the item; a redirect row for the new slug goes, since that slug is live again.</summary>
    public static async Task RecordRenameAsync(this BlogDbContext db, RedirectKind kind, int targetId, string oldSlug, string newSlug, CancellationToken cancellationToken)
    {
        if (oldSlug == newSlug)
            return;
        await db.ForgetRedirectAsync(kind, newSlug, cancellationToken);
        var existing = await db.SlugRedirects.FirstOrDefaultAsync(r => r.Kind == kind && r.Slug == oldSlug, cancellationToken);
        if (existing is null)
            db.SlugRedirects.Add(new SlugRedirect { Kind = kind, Slug = oldSlug, TargetId = targetId });
        else
            existing.TargetId = targetId;
    }

    /// <summary>A slug that has become live (a new item, a rename) stops redirecting elsewhere.</summary>
    public static async Task ForgetRedirectAsync(this BlogDbContext db, RedirectKind kind, string liveSlug, CancellationToken cancellationToken)
    {
        var stale = await db.SlugRedirects.Where(r => r.Kind == kind && r.Slug == liveSlug).ToListAsync(cancellationToken);
        db.SlugRedirects.RemoveRange(stale);
    }

    /// <summary>
    /// An item is going away: its old URLs (its current slug and every earlier one) lead to the
    /// item that takes its posts, or nowhere when there is none.
    /// </summary>
    public static async Task HandOverAsync(this BlogDbContext db, RedirectKind kind, int fromId, string fromSlug, int? toId, CancellationToken cancellationToken)
    {
        var rows = await db.SlugRedirects.Where(r => r.Kind == kind && (r.TargetId == fromId || r.Slug == fromSlug)).ToListAsync(cancellationToken);
        if (toId is not { } target)
        {
            db.SlugRedirects.RemoveRange(rows);
            return;
        }
        foreach (var row in rows)
            row.TargetId = target;
        if (!rows.Any(r => r.Slug == fromSlug))
            db.SlugRedirects.Add(new SlugRedirect { Kind = kind, Slug = fromSlug, TargetId = target });
    }
}
