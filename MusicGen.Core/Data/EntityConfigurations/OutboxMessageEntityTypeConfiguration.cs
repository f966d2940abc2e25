using MusicGen.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicGen.Core.Data.EntityConfigurations;

internal sealed class OutboxMessageEntityTypeConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Type).HasMaxLength(64);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.TraceParent).HasMaxLength(OutboxMessage.TraceParentMaxLength);
        builder.Property(m => m.TraceState).HasMaxLength(OutboxMessage.TraceStateMaxLength);
        builder.HasIndex(m => new { m.SentAt, m.CreatedAt });
    }
}
