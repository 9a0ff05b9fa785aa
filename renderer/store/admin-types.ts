import type { EscalationLadder, EscalationResult } from '../../src/protocol';
import type {
  AdminDepartment,
  AuditEntry,
  DeskSettings,
  PatronFieldsRequest,
  QuestionTypesRequest,
  WidgetTexts,
  NewAccountRequest,
  NewDepartmentRequest,
  StaffAccount,
  UpdateAccountRequest,
  UpdateDepartmentRequest,
} from '../../src/protocol';

/** A temporary password the server just made, shown to the admin once so they can hand it on. */
export interface TemporaryPasswordNotice {
  accountId: string;
  displayName: string;
  password: string;
  /** The same first login as a one-time set-up link's token (`/console/#setup=<token>`). */
  setupToken: string;
  /** A new account, or a reset of an existing one's password. */
  reason: 'created' | 'reset';
}

/**
 * The Administration page (admins only): staff accounts, the form to add one,
 * and the audit log. The actions resolve to the server's refusal in words, or
 * null when it worked, so each form shows its own error beside itself.
 */
export interface AdminSlice extends DepartmentAdminSlice, DeskSettingsSlice {
  /** The Administration page is showing (instead of the chats). */
  adminOpen: boolean;
  /** Every staff account, active or not; null until loaded. */
  accounts: StaffAccount[] | null;
  accountsError: string | null;
  /** Newest first; null until loaded. */
  audit: AuditEntry[] | null;
  auditError: string | null;
  /** Cleared when dismissed and when the page closes: it is shown once, never kept. */
  temporaryPassword: TemporaryPasswordNotice | null;
  openAdmin(): void;
  closeAdmin(): void;
  loadAccounts(): Promise<void>;
  loadAudit(): Promise<void>;
  createAccount(request: NewAccountRequest): Promise<string | null>;
  updateAccount(id: string, request: UpdateAccountRequest): Promise<string | null>;
  resetAccountPassword(id: string): Promise<string | null>;
  deactivateAccount(id: string): Promise<string | null>;
  reactivateAccount(id: string): Promise<string | null>;
  dismissTemporaryPassword(): void;
}

/** The Departments and hours screen: every department (retired ones too), in the desk's order, and the time zone. */
export interface DepartmentAdminSlice {
  /** Null until loaded. */
  adminDepartments: AdminDepartment[] | null;
  adminDepartmentsError: string | null;
  /** The zone hours of service are read in; null until loaded. */
  libraryTimeZone: string | null;
  loadAdminDepartments(): Promise<void>;
  createDepartment(request: NewDepartmentRequest): Promise<string | null>;
  updateDepartment(id: string, request: UpdateDepartmentRequest): Promise<string | null>;
  /** One place up (-1) or down (+1) in the order patrons and librarians see. */
  moveDepartment(id: string, by: -1 | 1): Promise<string | null>;
  retireDepartment(id: string): Promise<string | null>;
  restoreDepartment(id: string): Promise<string | null>;
  setLibraryTimeZone(timeZone: string): Promise<string | null>;
  /** The department's escalation ladder, or the server's refusal in words. */
  loadLadder(id: string): Promise<EscalationResult | string>;
  /** Null ladder: back to the defaults. Resolves to the refusal in words, or null. */
  saveLadder(id: string, ladder: EscalationLadder | null): Promise<string | null>;
}

/** The Desk settings screen: Question Types, the pre-chat form's fields, the widget's words. */
export interface DeskSettingsSlice {
  /** Null until loaded. */
  deskSettings: DeskSettings | null;
  deskSettingsError: string | null;
  loadDeskSettings(): Promise<void>;
  saveQuestionTypes(request: QuestionTypesRequest): Promise<string | null>;
  savePatronFields(request: PatronFieldsRequest): Promise<string | null>;
  saveWidgetTexts(texts: WidgetTexts): Promise<string | null>;
  /** Whether the analytics entry asks for the READ scale. */
  saveReadScale(enabled: boolean): Promise<string | null>;
}
