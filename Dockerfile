# Multi-stage build: the SDK image builds and publishes, the ASP.NET runtime image runs it as a
# non-root user with the database, media and logs on a volume. .ci/publish-smoke runs the same
# `dotnet publish` command and smoke-tests its output.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Blog.csproj ./
# libvips (image sizes, WebP copies) comes in the NetVips.Native.linux-x64 package and is published
# beside Blog.dll; an arm64 build would reference NetVips.Native.linux-arm64 as well.
# The restore a Release publish needs (ReadyToRun for this platform, see Blog.csproj).
RUN dotnet restore Blog.csproj -p:Configuration=Release -p:_IsPublishing=true
COPY . .
RUN dotnet publish Blog.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The image's built-in non-root user "app"; data/ holds blog.db, media/ and logs/.
RUN mkdir -p /app/data && chown app:app /app/data
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    ConnectionStrings__Blog="Data Source=/app/data/blog.db" \
    Blog__MediaPath=/app/data/media
# Commands run on the same image: `docker run ... blog migrate` creates/migrates the database and
# exits (for a deployment step before several nodes start; each node also migrates at start,
# under a lock, so this is optional). /healthz answers 503 while the database cannot be used (the
# reason goes to the log): a HEALTHCHECK or load balancer can use it.
VOLUME /app/data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Blog.dll"]
