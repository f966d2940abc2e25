using MusicGen.Core.Accounts;
using MusicGen.Core.Generations;
using MusicGen.Core.Outbox;
using MusicGen.Core.Playlists;
using MusicGen.Core.Usage;
using MusicGen.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Core.Data;

/// <remarks>
/// Migrations are hand-written (the EF design-time package does not restore here, so there is no
/// <c>dotnet ef migrations add</c>): add a class under <c>Data/Migrations</c> with <c>[DbContext]</c> and
/// <c>[Migration("yyyyMMddHHmmss_Name")]</c>, using provider-neutral operations, and keep
/// <c>MigrationSchemaTests</c> green — it compares the migrated schema of both providers with this model.
/// </remarks>
public sealed class MusicDbContext(DbContextOptions<MusicDbContext> options) : DbContext(options)
{
    public required DbSet<User> Users { get; init; }

    public required DbSet<ApiKey> ApiKeys { get; init; }

    public required DbSet<RefreshToken> RefreshTokens { get; init; }

    public required DbSet<Generation> Generations { get; init; }

    public required DbSet<Track> Tracks { get; init; }

    public required DbSet<TrackFile> TrackFiles { get; init; }

    public required DbSet<Playlist> Playlists { get; init; }

    public required DbSet<PlaylistTrack> PlaylistTracks { get; init; }

    public required DbSet<WebhookSubscription> WebhookSubscriptions { get; init; }

    public required DbSet<WebhookDelivery> WebhookDeliveries { get; init; }

    public required DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts { get; init; }

    public required DbSet<OutboxMessage> OutboxMessages { get; init; }

    public required DbSet<UsageDay> UsageDays { get; init; }

    public required DbSet<UsageWatermark> UsageWatermarks { get; init; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MusicDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps DateTimeOffset as text it cannot compare or order; UTC ticks sort correctly.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }
}
