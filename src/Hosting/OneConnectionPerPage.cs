using Blog.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Blog.Hosting;

/// <summary>
/// Opens the page's database connection once, for all its queries. Left to itself EF opens and
/// closes it around each query, and an article makes six: on SQLite every open takes a connection
/// from the pool and registers EF's SQL functions on it again, which cost more than some of the
/// queries. EF closes the connection when the request's context is disposed.
/// </summary>
internal sealed class OneConnectionPerPage(BlogDbContext db) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
        await next();
    }
}
