import type { StateCreator } from 'zustand';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { DeskSlice } from './desk-types';

export type { DeskSlice } from './desk-types';

/**
 * The Desk view's state and actions. The server decides everything (who may,
 * what the coverage is); this slice asks, keeps the answers and merges what
 * the connection pushes (alarms, notes, follow-ups) into them.
 */
export const createDeskSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], DeskSlice> =>
  (set, get) => {
    const withNote = (
      notes: Record<string, DeskSlice['staffNotes'][string]>,
      note: DeskSlice['staffNotes'][string][number],
    ) => {
      const list = notes[note.chatId] ?? [];
      if (list.some((known) => known.id === note.id)) return notes;
      return { ...notes, [note.chatId]: [...list, note].sort((a, b) => a.at - b.at) };
    };

    return {
      deskOpen: false,
      deskOverview: null,
      deskError: null,
      deskAlarms: [],
      deskAlarmsDismissed: {},
      staffNotes: {},
      deskActionError: null,

      openDesk() {
        set({
          deskOpen: true,
          settingsOpen: false,
          cannedOpen: false,
          adminOpen: false,
          reportsOpen: false,
          deskActionError: null,
        });
        void get().refreshDesk();
      },

      closeDesk: () => set({ deskOpen: false }),

      async refreshDesk() {
        const connection = runtime.connection();
        if (!connection) return;
        const ack = await connection.deskOverview();
        if (!ack.ok) return set({ deskError: ack.error.message });
        // Alarms that stand (raised before this console connected, or while it was away) show too.
        set((state) => ({
          deskOverview: ack.data,
          deskError: null,
          deskAlarms: ack.data.departments.filter(
            (department) =>
              department.coverage === 'alarm' &&
              (!(department.id in state.deskAlarmsDismissed) ||
                state.deskAlarmsDismissed[department.id] !== department.darkSince),
          ),
        }));
      },

      async watchChat(chatId) {
        const connection = runtime.connection();
        if (!connection) return;
        set({ deskOpen: false, reportsOpen: false });
        get().openChat(chatId);
        const ack = await connection.watch(chatId);
        if (!ack.ok) {
          set((state) => ({ actionErrors: { ...state.actionErrors, [chatId]: ack.error.message } }));
          return;
        }
        set((state) => ({
          staffNotes: { ...state.staffNotes, [chatId]: ack.data.notes },
          chats: { ...state.chats, [chatId]: ack.data.chat },
        }));
      },

      async whisper(chatId, body) {
        const connection = runtime.connection();
        if (!connection) return false;
        const ack = await connection.whisper(chatId, body);
        if (!ack.ok) {
          set({ deskActionError: ack.error.message });
          return false;
        }
        set((state) => ({ staffNotes: withNote(state.staffNotes, ack.data.note), deskActionError: null }));
        return true;
      },

      async loadStaffNotes(chatId) {
        const connection = runtime.connection();
        if (!connection) return;
        const ack = await connection.staffNotes(chatId);
        if (ack.ok) set((state) => ({ staffNotes: { ...state.staffNotes, [chatId]: ack.data.notes } }));
      },

      async setColleagueStatus(operatorId, status) {
        const connection = runtime.connection();
        if (!connection) return;
        const ack = await connection.setColleagueStatus(operatorId, status);
        if (!ack.ok) return set({ deskActionError: ack.error.message });
        set((state) => ({
          operators: { ...state.operators, [operatorId]: ack.data.presence },
          deskActionError: null,
        }));
        get().announce(`${ack.data.presence.displayName} is ${status} now.`);
        void get().refreshDesk();
      },

      async markFollowUpAnswered(followUpId) {
        const connection = runtime.connection();
        if (!connection) return;
        const ack = await connection.markFollowUpAnswered(followUpId);
        if (!ack.ok) return set({ deskActionError: ack.error.message });
        get().followUpHeard(ack.data.followUp);
      },

      dismissDeskAlarm: (departmentId) =>
        set((state) => ({
          deskAlarms: state.deskAlarms.filter((alarm) => alarm.id !== departmentId),
          deskAlarmsDismissed: {
            ...state.deskAlarmsDismissed,
            [departmentId]: state.deskAlarms.find((alarm) => alarm.id === departmentId)?.darkSince ?? null,
          },
        })),

      deskAlarmHeard(department, raised) {
        set((state) => {
          const deskAlarms = state.deskAlarms.filter((alarm) => alarm.id !== department.id);
          const overview = state.deskOverview;
          return {
            deskAlarms: raised ? [...deskAlarms, department] : deskAlarms,
            deskOverview: overview
              ? {
                  ...overview,
                  departments: overview.departments.map((known) => (known.id === department.id ? department : known)),
                }
              : overview,
          };
        });
      },

      staffNoteHeard: (note) => set((state) => ({ staffNotes: withNote(state.staffNotes, note) })),

      followUpHeard(followUp) {
        set((state) => {
          const overview = state.deskOverview;
          if (!overview) return {};
          const others = overview.followUps.filter((known) => known.id !== followUp.id);
          const followUps = followUp.answeredAt === null ? [...others, followUp] : others;
          return { deskOverview: { ...overview, followUps: followUps.sort((a, b) => a.createdAt - b.createdAt) } };
        });
      },
    };
  };
