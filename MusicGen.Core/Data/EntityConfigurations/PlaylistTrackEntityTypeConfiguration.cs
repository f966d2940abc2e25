using MusicGen.Core.Generations;
using MusicGen.Core.Playlists;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicGen.Core.Data.EntityConfigurations;

internal sealed class PlaylistTrackEntityTypeConfiguration : IEntityTypeConfiguration<PlaylistTrack>
{
    public void Configure(EntityTypeBuilder<PlaylistTrack> builder)
    {
        builder.ToTable("playlist_tracks");
        builder.HasKey(i => new { i.PlaylistId, i.TrackId });
        builder.HasIndex(i => i.TrackId);
        builder.HasOne<Track>().WithMany().HasForeignKey(i => i.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}
