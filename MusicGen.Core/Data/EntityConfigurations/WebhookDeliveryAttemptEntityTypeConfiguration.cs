using MusicGen.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicGen.Core.Data.EntityConfigurations;

internal sealed class WebhookDeliveryAttemptEntityTypeConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.ToTable("webhook_delivery_attempts");
        builder.Property(a => a.Error).HasMaxLength(1000);
        builder.HasIndex(a => new { a.DeliveryId, a.Number }).IsUnique();
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
