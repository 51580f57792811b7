namespace CoProduction.Persistence;

/// <summary>A store that both reads and writes: what repositories and the notification pump use.</summary>
public interface IEventStore : IEventStoreReader, IEventStoreWriter
{
}
