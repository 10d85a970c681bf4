using Blog.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Admin.Tags;

public class IndexModel(BlogDbContext db) : PageModel
{
    public sealed record TagRow(int Id, string Name, string Slug, int Posts);

    public IReadOnlyList<TagRow> Tags { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Tags = await db.Tags.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TagRow(t.Id, t.Name, t.Slug, t.Posts.Count(p => p.DeletedAt == null)))
            .ToListAsync(cancellationToken);
    }
}
