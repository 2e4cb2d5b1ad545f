namespace Roster.Domain.Abstractions;

/// <summary>One session of the store: the union of the narrow stores of each resource, over one transaction.</summary>
public interface IStoreSession : IAccountStore, IUserStore, IRelationStore, ISettingsStore, IGroupSettingsStore, IQuotaStore, IPictureStore, IAppStore, IEventStore, IMetaStore, ISnapshotStore, Webhooks.IWebhookStore, ILockStore, IGroupStore, IRoleStore;
