"use server";

import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/actions";
import { createUser, newUserSchema } from "@/lib/users";

export const createUserAction = validatedAction("admin", newUserSchema, async (data, admin) => {
  const user = await createUser(data, admin.id);
  revalidatePath("/users");
  return { ok: true, message: `Created ${user.email} (${user.role}).` };
});

