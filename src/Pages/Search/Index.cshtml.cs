using Blog.Posts;
using Blog.Search;
using Blog.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Search;

public class IndexModel(PostSearch search, IStringLocalizer<SharedResource> text) : BlogPageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public SearchPage? Results { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        var number = Paging.ParsePageNumber(pageNumber) ?? 1;
        var query = SearchQuery.Parse(Query);
        Meta = new PageMeta(string.IsNullOrWhiteSpace(Query) ? text["Search"] : text["Search: {0}", Query], text["Search the notes"], "/search");

        if (query.FtsExpression is null)
        {
            Message = string.IsNullOrWhiteSpace(Query)
                ? text["Type a word to search the notes: Chinese (even one or two characters), English, or code like nn.Module."]
                : text["That search has no letters or characters to look for. Try a word."];
            return Page();
        }
        if (Query!.Length > SearchQuery.MaxLength)
            Message = text["Only the first {0} characters were searched.", SearchQuery.MaxLength];

        Results = await search.SearchAsync(query, number, cancellationToken);
        return Page();
    }

    public string PageLink(int number) => $"{Links.Search}?q={Uri.EscapeDataString(Query ?? "")}" + (number > 1 ? $"&page={number}" : "");
}
