using MusicGen.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicGen.Core.Data.EntityConfigurations;

internal sealed class UsageWatermarkEntityTypeConfiguration : IEntityTypeConfiguration<UsageWatermark>
{
    public void Configure(EntityTypeBuilder<UsageWatermark> builder)
    {
        builder.ToTable("usage_watermark");
        builder.Property(w => w.Id).ValueGeneratedNever();
    }
}
