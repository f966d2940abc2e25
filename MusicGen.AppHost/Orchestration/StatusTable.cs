using MusicGen.AppHost.Hosting;
using MusicGen.AppHost.Servers;
using Spectre.Console;

namespace MusicGen.AppHost.Orchestration;

/// <summary>The one table printed when the graph is up: resource, type, mode, state, URL.</summary>
public static class StatusTable
{
    public static void Print(IEnumerable<IResource> resources)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]MusicGen[/]");
        table.AddColumns("Resource", "Type", "Mode", "State", "URL");
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case ServerResource server:
                    table.AddRow(server.Name, server.Kind, server.Runtime.Mode.ToString().ToLowerInvariant(), Styled(server.State), Markup.Escape(server.Runtime.Endpoint));
                    break;
                case Servers.Postgres.PostgresDatabaseResource database:
                    table.AddRow(database.Name, "database", database.Server.Runtime.Mode.ToString().ToLowerInvariant(), Styled(database.State), Markup.Escape(Describe(database)));
                    break;
                case ProjectResource project:
                    table.AddRow(project.Name, "project", "process", Styled(project.State), project.HttpEndpoint?.Url ?? "");
                    break;
            }
        }

        AnsiConsole.Write(table);
    }

    private static string Describe(Servers.Postgres.PostgresDatabaseResource database) =>
        database.Server.Runtime is Servers.Postgres.EmbeddedSqlite ? database.ConnectionString : $"{database.Server.Runtime.Endpoint}/{database.DatabaseName}";

    private static string Styled(ResourceState state) => state switch
    {
        ResourceState.Healthy or ResourceState.Completed => $"[green]{state}[/]",
        ResourceState.Failed => $"[red]{state}[/]",
        _ => $"[yellow]{state}[/]",
    };
}
